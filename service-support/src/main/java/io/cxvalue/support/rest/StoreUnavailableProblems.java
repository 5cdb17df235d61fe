package io.cxvalue.support.rest;

import io.cxvalue.contracts.consumer.StoreOutages;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemPostProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * A request that failed because the service's store could not be reached (no server selected in time, connection
 * refused or lost, a fail-over in progress) is a 503 with {@code Retry-After}, not a 500. A retry is safe in every
 * service: writes are idempotent on their business keys, reads only read.
 * <p>
 * What counts as an outage is contracts' {@link StoreOutages}, which the consumers use to wait for the store.
 */
@ApplicationScoped
public class StoreUnavailableProblems implements ProblemPostProcessor {

    private static final Logger LOG = Logger.getLogger(StoreUnavailableProblems.class);

    /** Before the extension's logger (101), so that the log says 503 as the client is told. */
    @Override
    public int priority() {
        return 102;
    }

    @Override
    public HttpProblem apply(HttpProblem problem, ProblemContext context) {
        if (problem.getStatusCode() != Response.Status.INTERNAL_SERVER_ERROR.getStatusCode()
                || !StoreOutages.isOutage(context.cause)) {
            return problem;
        }
        LOG.warnf("Store unavailable for %s: %s", problem.getInstance(), String.valueOf(context.cause));
        return HttpProblem.builder()
                .withStatus(Response.Status.SERVICE_UNAVAILABLE)
                .withTitle("Service Unavailable")
                .withDetail("The store is unreachable; retry later (a retry is safe)")
                .withInstance(problem.getInstance())
                .withHeader("Retry-After", Problems.RETRY_AFTER_SECONDS)
                .build();
    }
}
