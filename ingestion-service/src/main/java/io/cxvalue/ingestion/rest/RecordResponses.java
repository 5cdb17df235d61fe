package io.cxvalue.ingestion.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.cxvalue.ingestion.AcceptResult;
import io.cxvalue.ingestion.Received;
import io.cxvalue.support.rest.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** The answers every record endpoint gives: 201 or 200 to a submission, the record or a 404 problem to a read. */
final class RecordResponses {

    private RecordResponses() {
    }

    /** The answer to a submitted record (survey response, quality evaluation, transaction). */
    @Schema(name = "RecordAccepted")
    record Accepted(
            @Schema(description = "Ingestion's id of the record (of the earlier one for a duplicate)") String id,
            AcceptResult.Status status) {
    }

    /** The answer to a submitted customer profile. */
    @Schema(name = "CustomerAccepted")
    record CustomerAccepted(
            @Schema(description = "The customer the profile belongs to (the survivor, when it merged customers)")
            String customerId,
            AcceptResult.Status status) {
    }

    /** A stored record: the clean event ingestion published, and when it arrived. */
    record View<R>(@JsonUnwrapped R record, Instant receivedAt) {
    }

    /** 201 with the new record's location when stored now, 200 for a duplicate; {@code entity} in both. */
    static Response submitted(AcceptResult result, UriInfo uriInfo, Object entity) {
        return submitted(result, uriInfo.getAbsolutePathBuilder().path(result.id()).build(), entity);
    }

    static Response submitted(AcceptResult result, URI location, Object entity) {
        return result.status() == AcceptResult.Status.ACCEPTED
                ? Response.created(location).entity(entity).build()
                : Response.ok(entity).build();
    }

    static <R> View<R> view(Optional<Received<R>> found, String what, String id) {
        return found.map(received -> new View<>(received.record(), received.receivedAt()))
                .orElseThrow(() -> notFound(what, id));
    }

    /** A 404 problem: "{what} not found", "No {what} with id {id}". */
    static HttpProblem notFound(String what, String id) {
        return Problems.notFound(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " not found",
                "No " + what + " with id " + id);
    }
}
