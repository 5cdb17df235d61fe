package io.cxvalue.scoring.rest;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** The RFC 9457 problems scoring's resources answer with, in one shape. */
final class Problems {

    static final String PROBLEM_JSON = "application/problem+json";
    /** OpenAPI schema names of the problem bodies (registered by quarkus-resteasy-problem). */
    static final String PROBLEM = "HttpProblem";
    static final String VALIDATION_PROBLEM = "HttpValidationProblem";

    private Problems() {
    }

    /** 400 with one violation of {@code field}, found {@code in} the body, query or path. */
    static HttpProblem invalid(String field, String in, String message) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail(field + " " + message)
                .with("violations", List.of(Map.of("field", field, "in", in, "message", message)))
                .build();
    }

    /** 400 with several violations (each a map of field, in, message). */
    static HttpProblem invalid(String detail, List<Map<String, String>> violations) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail(detail)
                .with("violations", violations)
                .build();
    }

    static HttpProblem notFound(String detail) {
        return notFound("Not Found", detail);
    }

    static HttpProblem notFound(String title, String detail) {
        return HttpProblem.builder()
                .withStatus(Response.Status.NOT_FOUND)
                .withTitle(title)
                .withDetail(detail)
                .build();
    }

    /** 409: the request is valid but the service's state does not allow it now. */
    static HttpProblem conflict(String detail) {
        return HttpProblem.builder()
                .withStatus(Response.Status.CONFLICT)
                .withTitle("Conflict")
                .withDetail(detail)
                .build();
    }

    /** 422: the request is valid but the stored data do not allow what it asks; {@code reason} is a stable code. */
    static HttpProblem unprocessable(String reason, String detail) {
        return HttpProblem.builder()
                .withStatus(422)
                .withTitle("Unprocessable Content")
                .withDetail(detail)
                .with("reason", reason)
                .build();
    }
}
