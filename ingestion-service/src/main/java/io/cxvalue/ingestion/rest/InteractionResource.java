package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.ingestion.AcceptResult;
import io.cxvalue.ingestion.repository.RecordKind;
import io.cxvalue.ingestion.service.AcceptService;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Interactions on any channel from channel systems, published to cx.interactions. */
@Path("/api/v1/interactions")
@Tag(name = "Interactions")
@Produces(MediaType.APPLICATION_JSON)
public class InteractionResource extends RecordResource<InteractionRecorded, InteractionRequest> {

    public InteractionResource(AcceptService service, IdentityNormalizer normalizer, BatchReader batches) {
        super(service, normalizer, batches, RecordKind.INTERACTION, "interaction", InteractionRequest.class);
    }

    /** Interactions answer with {@code interactionId}, as they did before the other kinds existed. */
    @Override
    protected Object accepted(AcceptResult result) {
        return AcceptedResponse.of(result);
    }
}
