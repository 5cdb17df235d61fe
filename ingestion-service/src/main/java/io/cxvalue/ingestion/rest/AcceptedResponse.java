package io.cxvalue.ingestion.rest;

import io.cxvalue.ingestion.AcceptResult;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a submitted interaction. */
@Schema(name = "InteractionAccepted")
public record AcceptedResponse(
        @Schema(description = "Ingestion's id of the interaction (of the earlier one for a duplicate)")
        String interactionId,
        AcceptResult.Status status) {

    static AcceptedResponse of(AcceptResult result) {
        return new AcceptedResponse(result.id(), result.status());
    }
}
