package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.ingestion.rest.validation.Identifier;
import io.cxvalue.ingestion.rest.validation.NotFarFuture;
import io.cxvalue.ingestion.voice.CommentTerms;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A survey answer as a survey tool reports it. Each score is left out when the survey did not ask it. */
@Schema(name = "SurveyResponseRequest", description = "A survey answer; at least one score or a comment.")
public record SurveyResponseRequest(
        @Schema(description = "The reporting survey tool", examples = "qualtrics")
        @NotBlank @Identifier String source,
        @Schema(description = "The response's id in the source system; (source, externalId) is unique")
        @NotBlank @Identifier String externalId,
        @Schema(description = "Ingestion's customer id; or name the customer by identities in customer")
        @Identifier String customerId,
        @Valid CustomerIdentities customer,
        @Schema(description = "Ingestion's id of the interaction the survey rates, if any")
        @Identifier String interactionId,
        @Schema(description = "When the customer answered (ISO-8601 instant)")
        @NotNull @NotFarFuture Instant respondedAt,
        @Schema(description = "Customer satisfaction 1-5") @Min(1) @Max(5) Integer csat,
        @Schema(description = "Likelihood to recommend 0-10") @Min(0) @Max(10) Integer nps,
        @Schema(description = "Customer effort 1-7") @Min(1) @Max(7) Integer ces,
        @Schema(description = "Did we make you feel valued, 1-5") @Min(1) @Max(5) Integer feltValued,
        @Schema(description = "Free text (personal data)") @Size(min = 1, max = 4000) String comment) implements RecordRequest<SurveyResponded> {

    /** Reported as the violation of the field {@code score}: an answer with nothing in it says nothing. */
    @AssertTrue(message = "at least one of csat, nps, ces, feltValued or comment is required")
    boolean isScore() {
        return csat != null || nps != null || ces != null || feltValued != null || comment != null;
    }

    @AssertTrue(message = "name the customer by customerId or by at least one identity in customer")
    boolean isCustomerId() {
        return customerId != null || (customer != null && !customer.isEmpty());
    }

    @Override
    public SurveyResponded toRecord(String responseId, String resolvedCustomerId) {
        return new SurveyResponded(responseId, source, externalId, resolvedCustomerId, interactionId, respondedAt, csat, nps,
                ces, feltValued, comment, comment == null ? null : CommentTerms.of(comment));
    }
}
