package io.cxvalue.ingestion.rest;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;

/**
 * The store cannot be reached (no server selected in time, connection lost, fail-over in progress): 503 with
 * Retry-After, not a 500. A retry is safe: records are idempotent on (source, externalId), so one that was stored
 * before the failure comes back as a duplicate, never twice.
 */
public class StoreUnavailable {

    private static final Logger LOG = Logger.getLogger(StoreUnavailable.class);
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper({MongoTimeoutException.class, MongoSocketException.class, MongoNotPrimaryException.class,
            MongoNodeIsRecoveringException.class})
    public Response storeUnavailable(RuntimeException cause, UriInfo uriInfo) {
        LOG.warnf("Store unavailable for %s: %s", uriInfo.getPath(), cause.toString());
        return Response.fromResponse(HttpProblem.builder()
                        .withStatus(Response.Status.SERVICE_UNAVAILABLE)
                        .withTitle("Service Unavailable")
                        .withDetail("The store is unreachable; retry later (a retry is safe: a record stored before the "
                                + "failure is reported as a duplicate)")
                        .withInstance(URI.create(uriInfo.getPath()))
                        .build().toResponse())
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }
}
