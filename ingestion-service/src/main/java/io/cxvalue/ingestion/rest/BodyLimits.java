package io.cxvalue.ingestion.rest;

import io.cxvalue.ingestion.config.IngestionConfig;
import io.cxvalue.support.http.RequestGuards;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;

/**
 * A body limit per kind of endpoint. {@code quarkus.http.limits.max-body-size} is one limit for the whole server and
 * must admit the largest body, a bulk import file; this route, right after Quarkus' own, lowers it for batches and
 * again for single records. A declared length over the limit is answered at once with a 413 problem; a chunked body
 * is cut off by Quarkus when it passes the limit set here.
 */
@ApplicationScoped
public class BodyLimits {

    private final long recordLimit;
    private final long batchLimit;

    public BodyLimits(IngestionConfig config) {
        this.recordLimit = config.limits().recordBody().asLongValue();
        this.batchLimit = config.limits().batchBody().asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::limit);
    }

    private void limit(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.startsWith("/api/v1/imports")) {
            context.next();
            return;
        }
        long limit = path.endsWith("/batch") ? batchLimit : recordLimit;
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isOver(declared, limit)) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            RequestGuards.answer(context, 413, "Content Too Large", "The body is larger than the " + limit
                    + " bytes this endpoint accepts", Map.of("limit", limit));
            return;
        }
        Long current = context.get(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY);
        context.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, current == null ? limit : Math.min(current, limit));
        context.next();
    }

    private static boolean isOver(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed Content-Length itself
        }
    }
}
