package io.cxvalue.support.rest;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The one way every service builds its RFC 9457 problems. A client error names what is wrong in {@code violations}
 * ({@code field}, where it was found ({@code in}: body, query, path or header) and {@code message}), the shape
 * Bean Validation's problems have, so a client reads one format whichever check refused the request.
 */
public final class Problems {

    public static final String PROBLEM_JSON = "application/problem+json";
    /** OpenAPI schema names of the problem bodies (registered by quarkus-resteasy-problem). */
    public static final String PROBLEM = "HttpProblem";
    public static final String VALIDATION_PROBLEM = "HttpValidationProblem";

    /** Seconds a client should wait before retrying a request its service could not serve now. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private Problems() {
    }

    /** One value the request is wrong about: its name (a JSON path in a body) and what it must be. */
    public record Violation(String field, String message) {
    }

    public static HttpProblem invalidBody(String field, String message) {
        return invalid("body", List.of(new Violation(field, message)));
    }

    public static HttpProblem invalidQuery(String field, String message) {
        return invalid("query", List.of(new Violation(field, message)));
    }

    public static HttpProblem invalidPath(String field, String message) {
        return invalid("path", List.of(new Violation(field, message)));
    }

    /** 400 naming every invalid field of the body. */
    public static HttpProblem invalidBody(List<Violation> violations) {
        return invalid("body", violations);
    }

    /** 400 naming every invalid query parameter. */
    public static HttpProblem invalidQuery(List<Violation> violations) {
        return invalid("query", violations);
    }

    /** 400 naming the violations found {@code in} one part of the request; the detail names the first. */
    public static HttpProblem invalid(String in, List<Violation> violations) {
        Violation first = violations.get(0);
        return invalid(violations.size() == 1 ? first.field() + " " + first.message()
                : violations.size() + " values are invalid, first " + first.field() + " " + first.message(),
                in, violations);
    }

    /** 400 with a detail of the caller's own and the violations found {@code in} one part of the request. */
    public static HttpProblem invalid(String detail, String in, List<Violation> violations) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail(detail)
                .with("violations", violations.stream()
                        .map(v -> Map.of("field", v.field(), "in", in, "message", v.message())).toList())
                .build();
    }

    public static HttpProblem notFound(String detail) {
        return notFound("Not Found", detail);
    }

    public static HttpProblem notFound(String title, String detail) {
        return of(Response.Status.NOT_FOUND.getStatusCode(), title, detail);
    }

    /** 403: the caller may use the operation but not on what it asked for. */
    public static HttpProblem forbidden(String detail) {
        return of(Response.Status.FORBIDDEN.getStatusCode(), "Forbidden", detail);
    }

    /** 409: the request is valid but the service's state does not allow it now. */
    public static HttpProblem conflict(String detail) {
        return of(Response.Status.CONFLICT.getStatusCode(), "Conflict", detail);
    }

    /** 422: the request is valid but the stored data do not allow what it asks; {@code reason} is a stable code. */
    public static HttpProblem unprocessable(String reason, String detail) {
        return HttpProblem.builder()
                .withStatus(422)
                .withTitle("Unprocessable Content")
                .withDetail(detail)
                .with("reason", reason)
                .build();
    }

    /** A problem with no violations: a status, its title and what happened. */
    public static HttpProblem of(int status, String title, String detail) {
        return HttpProblem.builder()
                .withStatus(status)
                .withTitle(title)
                .withDetail(detail)
                .build();
    }

    /**
     * The request's path as a problem's {@code instance}: the raw (still encoded) path, which is always a valid URI
     * reference, where the decoded one of a hostile request may not be.
     */
    public static URI instance(UriInfo uriInfo) {
        return URI.create(uriInfo.getRequestUri().getRawPath());
    }
}
