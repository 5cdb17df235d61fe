package io.cxvalue.ingestion.rest;

import io.cxvalue.ingestion.AcceptResult;
import io.cxvalue.ingestion.rest.validation.Identifiers;
import io.cxvalue.ingestion.service.InteractionService;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

@Path("/api/v1/interactions")
@Tag(name = "Interactions")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class InteractionResource {

    private static final String PROBLEM = "application/problem+json";

    private final InteractionService service;

    public InteractionResource(InteractionService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("ingest")
    @Operation(summary = "Submit one interaction",
            description = "Stores the interaction once per (source, externalId) and publishes it to cx.interactions.")
    @APIResponse(responseCode = "201", description = "Stored and queued for publication",
            content = @Content(schema = @Schema(implementation = AcceptedResponse.class)))
    @APIResponse(responseCode = "200", description = "A duplicate of an interaction stored before; nothing changed",
            content = @Content(schema = @Schema(implementation = AcceptedResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid interaction, with field-level violations",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks the ingest role")
    @APIResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "415", description = "Body is not JSON", content = @Content(mediaType = PROBLEM))
    public Uni<Response> submit(@NotNull(message = "a JSON interaction is required") @Valid InteractionRequest request,
            UriInfo uriInfo) {
        return service.accept(request.source(), request.externalId(), request::toRecord)
                .map(result -> result.status() == AcceptResult.Status.ACCEPTED
                        ? Response.created(uriInfo.getAbsolutePathBuilder().path(result.id()).build())
                                .entity(AcceptedResponse.of(result)).build()
                        : Response.ok(AcceptedResponse.of(result)).build());
    }

    @GET
    @Path("/{interactionId}")
    @RolesAllowed({"ingest", "admin"})
    @Operation(summary = "Read a stored interaction")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InteractionView.class)))
    @APIResponse(responseCode = "404", description = "No such interaction", content = @Content(mediaType = PROBLEM))
    public Uni<InteractionView> get(
            @PathParam("interactionId") @Size(max = Identifiers.ID_MAX)
            @Pattern(regexp = Identifiers.ID_PATTERN, message = Identifiers.ID_MESSAGE) String interactionId) {
        return service.find(interactionId)
                .map(found -> found.map(InteractionView::of).orElseThrow(() -> HttpProblem.builder()
                        .withStatus(Response.Status.NOT_FOUND)
                        .withTitle("Interaction not found")
                        .withDetail("No interaction with id " + interactionId)
                        .build()));
    }
}
