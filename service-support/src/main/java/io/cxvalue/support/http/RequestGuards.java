package io.cxvalue.support.http;

import io.cxvalue.support.rest.Problems;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * What every request must pass before any resource sees it, answered with a problem document rather than the bare
 * status the HTTP layer would give: a request target or headers over this service's limits (414, 431), a target
 * with a broken percent-escape (400), a body
 * declared larger than the server accepts (413), and an API request without a bearer token (401, before content
 * negotiation could answer 415 or 404 to someone who has not said who they are).
 * <p>
 * Quarkus checks that the request target is a URI itself and answers a bare 400 when it is not; the services run with
 * {@code -Dvertx.disableURIValidation=true} so that the check here answers instead, with a problem document.
 * <p>
 * The transport's own limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set
 * well above these (META-INF/microprofile-config.properties), so that a request between the two is answered here;
 * only one beyond the transport's limit still gets the transport's bare answer.
 */
@ApplicationScoped
public class RequestGuards {

    static final String API_PREFIX = "/api/";

    private final HttpGuardConfig config;

    public RequestGuards(HttpGuardConfig config) {
        this.config = config;
    }

    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::guard)
                .failureHandler(RequestGuards::httpFailure);
    }

    /**
     * A client error the HTTP layer found itself (a path it cannot decode, a body over the limit while it streams in)
     * and failed the request with, without an exception: a problem document instead of the bare status.
     */
    private static void httpFailure(RoutingContext context) {
        if (context.failure() instanceof IllegalArgumentException && !decodable(context.request().uri())) {
            // the router could not decode the path (a broken escape), before any route could look at it
            answer(context, 400, "Bad Request", "The request target cannot be decoded: a '%' must be followed by "
                    + "two hex digits (a literal '%' is written %25)", Map.of());
            return;
        }
        int status = context.statusCode();
        if (context.failure() != null || status < 400 || status >= 500 || context.response().ended()
                || context.response().headWritten()) {
            context.next();
            return;
        }
        answer(context, status, HttpResponseStatus.valueOf(status).reasonPhrase(),
                status == 400 ? "The request cannot be read as HTTP (a path that cannot be decoded, say)"
                        : "The request was refused by the HTTP layer", Map.of());
    }

    private void guard(RoutingContext context) {
        HttpServerRequest request = context.request();
        int target = request.uri().length();
        if (target > config.maxRequestTarget()) {
            answer(context, 414, "URI Too Long", "The request target is " + target
                    + " characters long; this service accepts at most " + config.maxRequestTarget(),
                    Map.of("limit", config.maxRequestTarget()));
            return;
        }
        int broken = brokenEscape(request.uri());
        if (broken >= 0) {
            answer(context, 400, "Bad Request", "The request target has a '%' at character " + (broken + 1)
                    + " that is not followed by two hex digits (a literal '%' is written %25)", Map.of());
            return;
        }
        try {
            new URI(request.uri());
        } catch (URISyntaxException e) {
            answer(context, 400, "Bad Request", "The request target is not a valid URI: character " + (e.getIndex() + 1)
                    + " must be percent-encoded", Map.of());
            return;
        }
        int headerBytes = 0;
        String largest = null;
        int largestBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            int bytes = header.getKey().length() + header.getValue().length() + 4;
            headerBytes += bytes;
            if (bytes > largestBytes) {
                largestBytes = bytes;
                largest = header.getKey();
            }
        }
        if (headerBytes > config.maxHeaderBytes()) {
            answer(context, 431, "Request Header Fields Too Large", "The request's headers take " + headerBytes
                    + " bytes (the largest, " + largest + ", " + largestBytes + "); this service accepts at most "
                    + config.maxHeaderBytes(), Map.of("limit", config.maxHeaderBytes(), "header", largest));
            return;
        }
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isOver(declared, config.maxBodyBytes())) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            answer(context, 413, "Content Too Large", "The body is larger than the " + config.maxBodyBytes()
                    + " bytes this service accepts", Map.of("limit", config.maxBodyBytes()));
            return;
        }
        if (context.normalizedPath().startsWith(API_PREFIX) && !hasBearer(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
            answer(context, 401, "Unauthorized", "This API needs a bearer token (Authorization: Bearer ...)",
                    Map.of());
            return;
        }
        context.next();
    }

    private static boolean decodable(String target) {
        if (brokenEscape(target) >= 0) {
            return false;
        }
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Where the first '%' not followed by two hex digits is, or -1: such a target cannot be decoded. */
    static int brokenEscape(String target) {
        for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
            if (i + 2 >= target.length() || Character.digit(target.charAt(i + 1), 16) < 0
                    || Character.digit(target.charAt(i + 2), 16) < 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && authorization.length() > 7;
    }

    private static boolean isOver(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer refuses a malformed Content-Length itself
        }
    }

    /**
     * Answers with a problem document straight from the HTTP layer (no resource is involved), in the shape the REST
     * layer's problems have; {@code extensions} are added as members (the limit that was passed, say).
     */
    public static void answer(RoutingContext context, int status, String title, String detail,
            Map<String, Object> extensions) {
        JsonObject problem = new JsonObject()
                .put("status", status)
                .put("title", title)
                .put("detail", detail)
                .put("instance", instancePath(context));
        extensions.forEach(problem::put);
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problems.PROBLEM_JSON)
                .end(problem.encode());
    }

    /** The request's path, cut short when it is the reason for the answer. */
    private static String instancePath(RoutingContext context) {
        String path = context.request().path();
        return path == null ? "/" : path.length() > 256 ? path.substring(0, 256) : path;
    }
}
