package io.cxvalue.ingestion.rest;

import io.cxvalue.ingestion.rest.validation.Identifier;
import io.cxvalue.ingestion.service.ErasureService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import static io.cxvalue.ingestion.rest.RecordResponses.PROBLEM;

@Path("/api/v1")
@Tag(name = "Erasure")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class ErasureResource {

    private final ErasureService service;

    public ErasureResource(ErasureService service) {
        this.service = service;
    }

    @DELETE
    @Path("/customers/{customerId}")
    @Operation(summary = "Erase a customer's personal data",
            description = "Removes it from ingestion's store at once and asks every service to do the same.")
    @APIResponse(responseCode = "202", description = "Erased here; the other services confirm on the erasure",
            content = @Content(schema = @Schema(implementation = ErasureView.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = PROBLEM))
    public Uni<Response> erase(@PathParam("customerId") @Identifier String customerId,
            UriInfo uriInfo) {
        return service.request(customerId).map(started -> started
                .map(erasure -> Response.accepted(ErasureView.of(erasure))
                        .location(uriInfo.getBaseUriBuilder().path("api/v1/erasures").path(erasure.erasureId())
                                .build())
                        .build())
                .orElseThrow(() -> RecordResponses.notFound("customer", customerId)));
    }

    @GET
    @Path("/erasures/{erasureId}")
    @Operation(summary = "Which services have confirmed an erasure")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ErasureView.class)))
    @APIResponse(responseCode = "404", description = "No such erasure", content = @Content(mediaType = PROBLEM))
    public Uni<ErasureView> get(@PathParam("erasureId") @Identifier String erasureId) {
        return service.find(erasureId).map(found -> found.map(ErasureView::of)
                .orElseThrow(() -> RecordResponses.notFound("erasure", erasureId)));
    }
}
