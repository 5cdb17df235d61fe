package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.ExperimentVariant;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.Sale;
import io.cxvalue.ingestion.rest.validation.ConfiguredCurrency;
import io.cxvalue.ingestion.rest.validation.Identifier;
import io.cxvalue.ingestion.rest.validation.NotFarFuture;
import io.cxvalue.ingestion.voice.CommentTerms;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;

/** An interaction as a channel system reports it. Durations are whole seconds. */
@Schema(name = "InteractionRequest", description = "An interaction on any channel, as a channel system reports it.")
public record InteractionRequest(
        @Schema(description = "The reporting system, e.g. the telephony platform", examples = "genesys")
        @NotBlank @Identifier String source,
        @Schema(description = "The interaction's id in the source system; (source, externalId) is unique")
        @NotBlank @Identifier String externalId,
        @Schema(description = "Ingestion's customer id; or name the customer by identities in customer")
        @Identifier String customerId,
        @Valid CustomerIdentities customer,
        @NotNull Channel channel,
        @NotNull Direction direction,
        @Schema(description = "When the contact started (ISO-8601 instant)")
        @NotNull @NotFarFuture Instant startedAt,
        @Min(0) @Max(Limits.MAX_SECONDS) Integer queueSeconds,
        @Min(0) @Max(Limits.MAX_SECONDS) Integer talkSeconds,
        @Min(0) @Max(Limits.MAX_SECONDS) Integer holdSeconds,
        @Min(0) @Max(Limits.MAX_SECONDS) Integer afterWorkSeconds,
        @Schema(description = "The customer hung up or left before being served; default false") Boolean abandoned,
        @Identifier String agentId,
        @Identifier String teamId,
        @Identifier String departmentId,
        @Schema(description = "The routing queue (ACD queue or skill) the contact waited in")
        @Identifier String queue,
        @Size(min = 1, max = 200) String contactReason,
        @Schema(description = "Number of transfers; default 0") @Min(0) @Max(100) Integer transfers,
        @Schema(description = "The agent marked the contact resolved") Boolean resolved,
        @Schema(description = "Sentiment from -1 (negative) to 1 (positive)")
        @DecimalMin("-1") @DecimalMax("1") Double sentiment,
        @Valid SaleRequest sale,
        @Size(min = 1, max = 200) String campaign,
        @Valid ExperimentRequest experiment,
        @Schema(description = "The agent's notes (personal data: kept here, only their terms are published)")
        @Size(min = 1, max = 4000) String notes,
        @Schema(description = "The conversation as text, where the channel system has it (personal data: kept here, "
                + "only its terms are published)")
        @Size(min = 1, max = 100_000) String transcript) implements RecordRequest<InteractionRecorded> {

    /** A sale offered during the contact. */
    @Schema(name = "SaleRequest")
    public record SaleRequest(
            @NotNull Boolean offered,
            @NotNull Boolean accepted,
            @Identifier String productId,
            @DecimalMin("0") @Digits(integer = 12, fraction = 4) BigDecimal amount,
            @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as EUR") @ConfiguredCurrency
            String currency) {

        @AssertTrue(message = "a sale cannot be accepted without being offered")
        boolean isAccepted() {
            return !Boolean.TRUE.equals(accepted) || Boolean.TRUE.equals(offered);
        }

        @AssertTrue(message = "an accepted sale needs its amount and currency")
        boolean isAmount() {
            return !Boolean.TRUE.equals(accepted) || (amount != null && currency != null);
        }

        Sale toSale() {
            return new Sale(offered, accepted, productId, amount, currency);
        }
    }

    /** The experiment variant the contact was handled under. */
    @Schema(name = "ExperimentRequest")
    public record ExperimentRequest(
            @NotBlank @Identifier String experimentId,
            @NotBlank @Identifier String variant) {
    }

    @AssertTrue(message = "name the customer by customerId or by at least one identity in customer")
    boolean isCustomerId() {
        return customerId != null || (customer != null && !customer.isEmpty());
    }

    @Override
    public InteractionRecorded toRecord(String interactionId, String resolvedCustomerId) {
        return new InteractionRecorded(interactionId, source, externalId, resolvedCustomerId, channel, direction, startedAt,
                queueSeconds, talkSeconds, holdSeconds, afterWorkSeconds, Boolean.TRUE.equals(abandoned), agentId,
                teamId, departmentId, contactReason, transfers == null ? 0 : transfers, resolved, sentiment,
                sale == null ? null : sale.toSale(), campaign,
                experiment == null ? null : new ExperimentVariant(experiment.experimentId(), experiment.variant()),
                queue, notes, transcript, notes == null && transcript == null ? null : CommentTerms.of(text()));
    }

    /** The notes and the transcript, as one text to take the terms of. */
    private String text() {
        return notes == null ? transcript : transcript == null ? notes : notes + "\n" + transcript;
    }

    static final class Limits {
        /** One week: no single contact lasts longer. */
        static final int MAX_SECONDS = 604_800;

        private Limits() {
        }
    }
}
