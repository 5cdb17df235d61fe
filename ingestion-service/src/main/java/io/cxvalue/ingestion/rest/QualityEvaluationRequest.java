package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.events.QualityEvaluated;
import io.cxvalue.ingestion.rest.validation.Identifier;
import io.cxvalue.ingestion.rest.validation.NotFarFuture;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** An internal quality evaluation of one interaction, as the quality tool reports it. */
@Schema(name = "QualityEvaluationRequest", description = "An internal quality evaluation of one interaction.")
public record QualityEvaluationRequest(
        @Schema(description = "The reporting quality tool", examples = "qm-suite")
        @NotBlank @Identifier String source,
        @Schema(description = "The evaluation's id in the source system; (source, externalId) is unique")
        @NotBlank @Identifier String externalId,
        @Schema(description = "Ingestion's customer id; or name the customer by identities in customer")
        @Identifier String customerId,
        @Valid CustomerIdentities customer,
        @Schema(description = "Ingestion's id of the evaluated interaction")
        @NotBlank @Identifier String interactionId,
        @Identifier String agentId,
        @Identifier String teamId,
        @Identifier String evaluatorId,
        @Schema(description = "Overall score 0-100") @NotNull @DecimalMin("0") @DecimalMax("100") Double score,
        @Schema(description = "Score 0-100 per criterion, by criterion name (at most 50)")
        @Size(max = 50) Map<@NotBlank @Size(max = 100) String,
                @NotNull @DecimalMin("0") @DecimalMax("100") Double> criteria,
        @Schema(description = "When the evaluation was made (ISO-8601 instant)")
        @NotNull @NotFarFuture Instant evaluatedAt) implements RecordRequest<QualityEvaluated> {

    @AssertTrue(message = "name the customer by customerId or by at least one identity in customer")
    boolean isCustomerId() {
        return customerId != null || (customer != null && !customer.isEmpty());
    }

    @Override
    public QualityEvaluated toRecord(String evaluationId, String resolvedCustomerId) {
        return new QualityEvaluated(evaluationId, source, externalId, resolvedCustomerId, interactionId, agentId, teamId,
                evaluatorId, score, criteria, evaluatedAt);
    }
}
