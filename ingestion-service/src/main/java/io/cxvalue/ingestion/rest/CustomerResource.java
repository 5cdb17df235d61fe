package io.cxvalue.ingestion.rest;

import io.cxvalue.ingestion.IdentityNormalizer;
import io.cxvalue.ingestion.rest.validation.Identifier;
import io.cxvalue.ingestion.service.CustomerProfileService;
import io.cxvalue.ingestion.service.ErasureService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import static io.cxvalue.ingestion.rest.RecordResponses.PROBLEM;

/** Customer profiles from CRMs, and the erasure of a customer's personal data. */
@Path("/api/v1/customers")
@Tag(name = "Customers")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerProfileService profiles;
    private final ErasureService erasures;
    private final IdentityNormalizer normalizer;

    public CustomerResource(CustomerProfileService profiles, ErasureService erasures, IdentityNormalizer normalizer) {
        this.profiles = profiles;
        this.erasures = erasures;
        this.normalizer = normalizer;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("ingest")
    @Operation(summary = "Create or update a customer profile",
            description = "Idempotent on (source, externalId): an unchanged profile is a duplicate and publishes "
                    + "nothing. Identities are linked to the customer; identities of another customer merge the "
                    + "two (CustomersMerged on cx.customers).")
    @APIResponse(responseCode = "201", description = "Applied and published as CustomerUpserted; 200: unchanged",
            content = @Content(schema = @Schema(implementation = RecordResponses.CustomerAccepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid profile, with field-level violations",
            content = @Content(mediaType = PROBLEM))
    public Uni<Response> upsert(@NotNull(message = "a JSON body is required") @Valid CustomerProfileRequest request,
            UriInfo uriInfo) {
        return profiles.upsert(request.toProfile(normalizer))
                .map(result -> RecordResponses.submitted(result,
                        uriInfo.getBaseUriBuilder().path("api/v1/customers").path(result.id()).build(),
                        new RecordResponses.CustomerAccepted(result.id(), result.status())));
    }

    @GET
    @Path("/{customerId}")
    @RolesAllowed({"ingest", "admin"})
    @Operation(summary = "Read a customer's profile and identities")
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = PROBLEM))
    public Uni<CustomerView> get(@PathParam("customerId") @Identifier String customerId) {
        return profiles.find(customerId).map(found -> found.map(CustomerView::of)
                .orElseThrow(() -> RecordResponses.notFound("customer", customerId)));
    }

    @DELETE
    @Path("/{customerId}")
    @RolesAllowed("admin")
    @Tag(name = "Erasure")
    @Operation(summary = "Erase a customer's personal data",
            description = "Removes it from ingestion's store at once and asks every service to do the same.")
    @APIResponse(responseCode = "202", description = "Erased here; the other services confirm on the erasure",
            content = @Content(schema = @Schema(implementation = ErasureView.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = PROBLEM))
    public Uni<Response> erase(@PathParam("customerId") @Identifier String customerId, UriInfo uriInfo) {
        return erasures.request(customerId).map(started -> started
                .map(erasure -> Response.accepted(ErasureView.of(erasure))
                        .location(uriInfo.getBaseUriBuilder().path("api/v1/erasures").path(erasure.erasureId())
                                .build())
                        .build())
                .orElseThrow(() -> RecordResponses.notFound("customer", customerId)));
    }
}
