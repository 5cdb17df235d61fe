package io.cxvalue.ingestion.rest;

import io.cxvalue.ingestion.rest.validation.Identifier;
import io.cxvalue.ingestion.service.ErasureService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;

/** The progress of an erasure: which services have confirmed it. */
@Path("/api/v1/erasures")
@Tag(name = "Erasure")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class ErasureResource {

    private final ErasureService service;

    public ErasureResource(ErasureService service) {
        this.service = service;
    }

    @GET
    @Path("/{erasureId}")
    @Operation(summary = "Which services have confirmed an erasure")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ErasureView.class)))
    @APIResponse(responseCode = "404", description = "No such erasure", content = @Content(mediaType = PROBLEM_JSON))
    public Uni<ErasureView> get(@PathParam("erasureId") @Identifier String erasureId) {
        return service.find(erasureId).map(found -> found.map(ErasureView::of)
                .orElseThrow(() -> RecordResponses.notFound("erasure", erasureId)));
    }
}
