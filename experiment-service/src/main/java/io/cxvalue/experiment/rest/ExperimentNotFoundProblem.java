package io.cxvalue.experiment.rest;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;

/** 404 problem for an experiment this service has no observations of. */
public class ExperimentNotFoundProblem extends HttpProblem {

    public ExperimentNotFoundProblem(String experimentId) {
        super(HttpProblem.builder()
                .withStatus(Response.Status.NOT_FOUND)
                .withTitle("Experiment not found")
                .withDetail("No contacts have been observed for experiment '" + experimentId + "'"));
    }
}
