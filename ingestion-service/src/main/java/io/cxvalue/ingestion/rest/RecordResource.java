package io.cxvalue.ingestion.rest;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.ingestion.AcceptResult;
import io.cxvalue.ingestion.CustomerReference;
import io.cxvalue.ingestion.IdentityNormalizer;
import io.cxvalue.ingestion.repository.RecordKind;
import io.cxvalue.ingestion.rest.validation.Identifier;
import io.cxvalue.ingestion.service.AcceptService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

import static io.cxvalue.ingestion.rest.RecordResponses.PROBLEM;

/**
 * The two endpoints of a record kind other than interactions: submit one (role ingest) and read it back (ingest,
 * admin). A subclass names the path, the OpenAPI tag and the kind.
 */
public abstract class RecordResource<R extends CxEvent, Q extends RecordRequest<R>> {

    private final AcceptService service;
    private final IdentityNormalizer normalizer;
    private final RecordKind<R> kind;
    private final String what;

    protected RecordResource(AcceptService service, IdentityNormalizer normalizer, RecordKind<R> kind,
            String what) {
        this.service = service;
        this.normalizer = normalizer;
        this.kind = kind;
        this.what = what;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("ingest")
    @Operation(summary = "Submit one record",
            description = "Stores the record once per (source, externalId) and publishes it to the kind's topic.")
    @APIResponse(responseCode = "201", description = "Stored and queued for publication; 200: a duplicate",
            content = @Content(schema = @Schema(implementation = RecordResponses.Accepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid record, with field-level violations",
            content = @Content(mediaType = PROBLEM))
    public Uni<Response> submit(@NotNull(message = "a JSON body is required") @Valid Q request, UriInfo uriInfo) {
        CustomerReference customer = new CustomerReference(request.customerId(),
                request.customer() == null ? List.of() : request.customer().normalise(normalizer));
        return service.accept(kind, request.source(), request.externalId(), customer, request::toRecord)
                .map(result -> RecordResponses.submitted(result, uriInfo, accepted(result)));
    }

    /** The body of a 201 or 200 answer to a submission. */
    protected Object accepted(AcceptResult result) {
        return new RecordResponses.Accepted(result.id(), result.status());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"ingest", "admin"})
    @Operation(summary = "Read a stored record")
    @APIResponse(responseCode = "404", description = "No such record", content = @Content(mediaType = PROBLEM))
    public Uni<RecordResponses.View<R>> get(@PathParam("id") @Identifier String id) {
        return service.find(kind, id).map(found -> RecordResponses.view(found, what, id));
    }
}
