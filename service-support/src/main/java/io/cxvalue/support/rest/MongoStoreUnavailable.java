package io.cxvalue.support.rest;

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
 * A MongoDB service's store cannot be reached (no server selected in time, connection lost, fail-over in progress):
 * 503 with Retry-After and a problem document, not a 500. A retry is safe in both services that use it: ingestion's
 * records are idempotent on (source, externalId), reporting's requests only read.
 */
public class MongoStoreUnavailable {

    private static final Logger LOG = Logger.getLogger(MongoStoreUnavailable.class);
    public static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper({MongoTimeoutException.class, MongoSocketException.class, MongoNotPrimaryException.class,
            MongoNodeIsRecoveringException.class})
    public Response storeUnavailable(RuntimeException cause, UriInfo uriInfo) {
        LOG.warnf("Store unavailable for %s: %s", uriInfo.getPath(), cause.toString());
        return Response.fromResponse(HttpProblem.builder()
                        .withStatus(Response.Status.SERVICE_UNAVAILABLE)
                        .withTitle("Service Unavailable")
                        .withDetail("The store is unreachable; retry later (a retry is safe)")
                        .withInstance(URI.create(uriInfo.getPath()))
                        .build().toResponse())
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }
}
