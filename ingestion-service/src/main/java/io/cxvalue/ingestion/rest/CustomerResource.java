package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.ingestion.rest.validation.Identifier;
import io.cxvalue.ingestion.service.CustomerResolver;
import io.cxvalue.ingestion.service.CustomerProfileService;
import io.cxvalue.ingestion.service.ErasureService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;

/** Customer profiles from CRMs, and the erasure of a customer's personal data. */
@Path("/api/v1/customers")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerProfileService profiles;
    private final ErasureService erasures;
    private final IdentityNormalizer normalizer;
    private final BatchReader batches;

    public CustomerResource(CustomerProfileService profiles, ErasureService erasures, IdentityNormalizer normalizer,
            BatchReader batches) {
        this.profiles = profiles;
        this.erasures = erasures;
        this.normalizer = normalizer;
        this.batches = batches;
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
            content = @Content(mediaType = PROBLEM_JSON))
    public Uni<Response> upsert(@NotNull(message = "a JSON body is required") @Valid CustomerProfileRequest request,
            UriInfo uriInfo) {
        return profiles.upsert(request.toProfile(normalizer))
                .map(result -> RecordResponses.submitted(result,
                        uriInfo.getBaseUriBuilder().path("api/v1/customers").path(result.id()).build(),
                        new RecordResponses.CustomerAccepted(result.id(), result.status())));
    }

    @POST
    @Path("/batch")
    @Consumes({MediaType.APPLICATION_JSON, BatchReader.NDJSON})
    @RolesAllowed("ingest")
    @Blocking
    @Operation(summary = "Create or update a batch of customer profiles",
            description = "A JSON array or NDJSON of profiles (at most cx.ingestion.batch.max-records); applied in "
                    + "order, each accepted, reported as a duplicate (unchanged) or rejected with its reasons.")
    @APIResponse(responseCode = "200", description = "The outcome of every profile, in order",
            content = @Content(schema = @Schema(implementation = BatchResponse.class)))
    @APIResponse(responseCode = "400", description = "The body is not a JSON array or NDJSON of profiles",
            content = @Content(mediaType = PROBLEM_JSON))
    @APIResponse(responseCode = "413", description = "Too many profiles or too large a body",
            content = @Content(mediaType = PROBLEM_JSON))
    public Uni<BatchResponse> upsertBatch(String body, @Context HttpHeaders headers) {
        return accept(batches.read(body == null ? "" : body, headers.getMediaType(), CustomerProfileRequest.class))
                .map(BatchResponse::of);
    }

    /**
     * Applies profiles one after the other, in the order sent: two versions of one CRM record in a batch end as
     * the later one, as they would if sent one by one. Also the way a bulk import applies each chunk.
     */
    public Uni<List<BatchResponse.Item>> accept(List<BatchReader.Read<CustomerProfileRequest>> records) {
        return Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(read -> {
                    if (!read.valid()) {
                        return Uni.createFrom().item(BatchResponse.Item.rejected(read, read.violations()));
                    }
                    try {
                        return profiles.upsert(read.value().toProfile(normalizer))
                                .map(result -> BatchResponse.Item.of(read, result))
                                .onFailure(CustomerResolver.ErasedCustomerException.class)
                                .recoverWithItem(() -> BatchResponse.Item.rejected(read,
                                        List.of(FieldViolation.erasedCustomer())));
                    } catch (FieldViolation.InvalidFieldException e) {
                        return Uni.createFrom().item(BatchResponse.Item.rejected(read, List.of(e.violation())));
                    }
                })
                .collect().asList();
    }

    @GET
    @Path("/{customerId}")
    @RolesAllowed({"ingest", "admin"})
    @Operation(summary = "Read a customer's profile and identities")
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = PROBLEM_JSON))
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
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = PROBLEM_JSON))
    public Uni<Response> erase(@PathParam("customerId") @Identifier String customerId, UriInfo uriInfo) {
        return erasures.request(customerId).map(started -> started
                .map(erasure -> Response.accepted(ErasureView.of(erasure))
                        .location(uriInfo.getBaseUriBuilder().path("api/v1/erasures").path(erasure.erasureId())
                                .build())
                        .build())
                .orElseThrow(() -> RecordResponses.notFound("customer", customerId)));
    }
}
