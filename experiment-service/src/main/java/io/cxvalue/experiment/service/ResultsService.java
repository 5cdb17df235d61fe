package io.cxvalue.experiment.service;

import io.cxvalue.experiment.design.Experiment;
import io.cxvalue.experiment.repository.OutcomeRepository;
import io.cxvalue.experiment.results.ExperimentResults;
import io.cxvalue.experiment.results.ResultsAnalysis;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An experiment's results from its kept statistics ({@code variant_stats}): one read of a few hundred rows at most,
 * whatever the number of customers, then {@link ResultsAnalysis}.
 */
@ApplicationScoped
public class ResultsService {

    private final ExperimentDesignService design;
    private final OutcomeRepository outcomes;
    private final Pool pool;

    public ResultsService(ExperimentDesignService design, OutcomeRepository outcomes, Pool pool) {
        this.design = design;
        this.outcomes = outcomes;
        this.pool = pool;
    }

    /** The results; empty when there is no such experiment (a draft has the analysis of no customers). */
    public Uni<Optional<ExperimentResults>> results(String experimentId) {
        return design.find(experimentId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<ExperimentResults>empty());
            }
            Experiment experiment = found.get();
            return pool.withConnection(connection -> outcomes.statsOf(connection, experimentId)
                            .chain(stats -> outcomes.exposureSpan(connection, experimentId)
                                    .chain(span -> outcomes.compliance(connection, experimentId)
                                            .map(compliance -> new ResultsAnalysis.Input(experimentId,
                                                    experiment.name(), experiment.state().name(),
                                                    design.definition(experiment), stats, compliance,
                                                    runningDays(span), experiment.plannedCustomers() == null
                                                            ? ResultsAnalysis.DEFAULT_PLANNED_CUSTOMERS
                                                            : experiment.plannedCustomers())))))
                    .map(input -> Optional.of(ResultsAnalysis.analyse(input)));
        });
    }

    /** Days between the first and the last exposure, at least one: the period the exposures so far took. */
    private static double runningDays(Optional<Instant[]> span) {
        return span.map(s -> Math.max(1.0, Duration.between(s[0], s[1]).toSeconds() / 86_400.0)).orElse(0.0);
    }
}
