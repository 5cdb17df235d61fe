package io.cxvalue.experiment.rest;

import io.cxvalue.experiment.design.DefinitionCheck;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** The RFC 9457 problems the experiment API answers with, in the shape Bean Validation's problems have. */
final class Problems {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM = "HttpProblem";
    static final String VALIDATION_PROBLEM = "HttpValidationProblem";

    private Problems() {
    }

    /** 400 naming every violated field of the body. */
    static HttpProblem invalidBody(List<DefinitionCheck.Violation> violations) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail(violations.size() == 1
                        ? violations.get(0).field() + " " + violations.get(0).message()
                        : violations.size() + " fields are invalid")
                .with("violations", violations.stream()
                        .map(v -> Map.of("field", v.field(), "in", "body", "message", v.message())).toList())
                .build();
    }

    static HttpProblem notFound(String experimentId) {
        return HttpProblem.builder()
                .withStatus(Response.Status.NOT_FOUND)
                .withTitle("Experiment not found")
                .withDetail("There is no experiment '" + experimentId + "'")
                .build();
    }

    /** 409: the experiment's state does not allow the request now. */
    static HttpProblem conflict(String detail) {
        return HttpProblem.builder()
                .withStatus(Response.Status.CONFLICT)
                .withTitle("Conflict")
                .withDetail(detail)
                .build();
    }
}
