package io.cxvalue.reporting.rest;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** The RFC 9457 problems the reporting API answers with, in the shape Bean Validation's problems have. */
final class Problems {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM = "HttpProblem";
    static final String VALIDATION_PROBLEM = "HttpValidationProblem";

    private Problems() {
    }

    /** One invalid query parameter. */
    record Violation(String field, String message) {
    }

    /** 400 naming every invalid query parameter. */
    static HttpProblem invalidQuery(List<Violation> violations) {
        return invalid(violations, "query", "parameters");
    }

    /** 400 naming every invalid field of a request body. */
    static HttpProblem invalidBody(List<Violation> violations) {
        return invalid(violations, "body", "fields");
    }

    private static HttpProblem invalid(List<Violation> violations, String in, String what) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail(violations.size() == 1
                        ? violations.get(0).field() + " " + violations.get(0).message()
                        : violations.size() + " " + what + " are invalid")
                .with("violations", violations.stream()
                        .map(v -> Map.of("field", v.field(), "in", in, "message", v.message())).toList())
                .build();
    }

    /** 403: a manager asked for a team they do not manage. */
    static HttpProblem notYourTeams(List<String> teams) {
        return HttpProblem.builder()
                .withStatus(Response.Status.FORBIDDEN)
                .withTitle("Forbidden")
                .withDetail("You do not manage " + (teams.size() == 1 ? "team '" + teams.get(0) + "'"
                        : "teams " + teams) + "; a manager sees only the teams in the token's 'teams' claim")
                .build();
    }
}
