package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.contracts.CxEvent;
import io.cxvalue.ingestion.AcceptResult;
import io.cxvalue.ingestion.CustomerReference;
import io.cxvalue.ingestion.repository.RecordKind;
import io.cxvalue.ingestion.rest.validation.Identifier;
import io.cxvalue.ingestion.service.AcceptService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.ArrayList;
import java.util.List;

import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;

/**
 * The two endpoints of a record kind other than interactions: submit one (role ingest) and read it back (ingest,
 * admin). A subclass names the path, the OpenAPI tag and the kind.
 */
public abstract class RecordResource<R extends CxEvent, Q extends RecordRequest<R>> {

    private final AcceptService service;
    private final IdentityNormalizer normalizer;
    private final BatchReader batches;
    private final RecordKind<R> kind;
    private final String what;
    private final Class<Q> requestType;

    protected RecordResource(AcceptService service, IdentityNormalizer normalizer, BatchReader batches,
            RecordKind<R> kind, String what, Class<Q> requestType) {
        this.service = service;
        this.normalizer = normalizer;
        this.batches = batches;
        this.kind = kind;
        this.what = what;
        this.requestType = requestType;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("ingest")
    @SecurityRequirement(name = "bearer", scopes = "ingest")
    @Operation(summary = "Submit one record",
            description = "Stores the record once per (source, externalId) and publishes it to the kind's topic.")
    @APIResponse(responseCode = "201", description = "Stored and queued for publication; 200: a duplicate",
            content = @Content(schema = @Schema(implementation = RecordResponses.Accepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid record, with field-level violations",
            content = @Content(mediaType = PROBLEM_JSON))
    public Uni<Response> submit(@NotNull(message = "a JSON body is required") @Valid Q request, UriInfo uriInfo) {
        return service.accept(kind, request.source(), request.externalId(), customerOf(request), request::toRecord)
                .map(result -> RecordResponses.submitted(result, uriInfo, accepted(result)));
    }

    @POST
    @Path("/batch")
    @Consumes({MediaType.APPLICATION_JSON, BatchReader.NDJSON})
    @RolesAllowed("ingest")
    @SecurityRequirement(name = "bearer", scopes = "ingest")
    // Reading and validating up to a thousand records is CPU work: off the event loop.
    @Blocking
    @Operation(summary = "Submit a batch of records",
            description = "A JSON array of records, or NDJSON (one record per line, as application/x-ndjson); at "
                    + "most cx.ingestion.batch.max-records (default 1000) records and 16 MiB. Every record is "
                    + "accepted, reported as a duplicate or rejected with its reasons on its own; accepted records "
                    + "are published like single ones.")
    @APIResponse(responseCode = "200", description = "The outcome of every record, in order",
            content = @Content(schema = @Schema(implementation = BatchResponse.class)))
    @APIResponse(responseCode = "400", description = "The body is not a JSON array or NDJSON of records",
            content = @Content(mediaType = PROBLEM_JSON))
    @APIResponse(responseCode = "413", description = "Too many records or too large a body",
            content = @Content(mediaType = PROBLEM_JSON))
    public Uni<BatchResponse> submitBatch(String body, @Context HttpHeaders headers) {
        return accept(batches.read(body == null ? "" : body, headers.getMediaType(), requestType))
                .map(BatchResponse::of);
    }

    /**
     * Stores the valid records of a batch together; the outcome of every record (rejected ones included), in the
     * order read. Also the way a bulk import stores each chunk of its file.
     */
    public Uni<List<BatchResponse.Item>> accept(List<BatchReader.Read<Q>> records) {
        List<BatchResponse.Item> results = new ArrayList<>(java.util.Collections.nCopies(records.size(), null));
        List<BatchReader.Read<Q>> valid = new ArrayList<>();
        List<AcceptService.Submission<R>> submissions = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            BatchReader.Read<Q> read = records.get(i);
            if (!read.valid()) {
                results.set(i, BatchResponse.Item.rejected(read, read.violations()));
                continue;
            }
            Q request = read.value();
            try {
                submissions.add(new AcceptService.Submission<>(request.source(), request.externalId(),
                        customerOf(request), request::toRecord));
                valid.add(read);
            } catch (FieldViolation.InvalidFieldException e) {
                results.set(i, BatchResponse.Item.rejected(read, List.of(e.violation())));
            }
        }
        return service.acceptAll(kind, submissions).map(accepted -> {
            int next = 0;
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) == null) {
                    AcceptResult result = accepted.get(next);
                    results.set(i, result == null
                            ? BatchResponse.Item.rejected(valid.get(next), List.of(FieldViolation.erasedCustomer()))
                            : BatchResponse.Item.of(valid.get(next), result));
                    next++;
                }
            }
            return results;
        });
    }

    public Class<Q> requestType() {
        return requestType;
    }

    private CustomerReference customerOf(Q request) {
        return new CustomerReference(request.customerId(),
                request.customer() == null ? List.of() : request.customer().normalise(normalizer));
    }

    /** The body of a 201 or 200 answer to a submission. */
    protected Object accepted(AcceptResult result) {
        return new RecordResponses.Accepted(result.id(), result.status());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"ingest", "admin"})
    @SecurityRequirement(name = "bearer", scopes = {"ingest", "admin"})
    @Operation(summary = "Read a stored record")
    @APIResponse(responseCode = "404", description = "No such record", content = @Content(mediaType = PROBLEM_JSON))
    public Uni<RecordResponses.View<R>> get(@PathParam("id") @Identifier String id) {
        return service.find(kind, id).map(found -> RecordResponses.view(found, what, id));
    }
}
