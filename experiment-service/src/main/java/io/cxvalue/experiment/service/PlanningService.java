package io.cxvalue.experiment.service;

import io.cxvalue.experiment.design.Experiment;
import io.cxvalue.experiment.design.ExperimentDefinition;
import io.cxvalue.experiment.design.ExperimentPlan;
import io.cxvalue.experiment.outcome.CustomerOutcome;
import io.cxvalue.experiment.outcome.OutcomeRules;
import io.cxvalue.experiment.repository.OutcomeRepository;
import io.cxvalue.experiment.repository.OutcomeRepository.CohortMember;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Plans an experiment from the customers' history: the cohort is the customers with an eligible contact in the
 * {@link ExperimentPlan#COHORT_DAYS} days that end one outcome window ago (so their outcomes are complete), each
 * measured from that first contact exactly as an exposure will be ({@link CustomerOutcome}).
 */
@ApplicationScoped
public class PlanningService {

    /** Customers the metric's spread is measured on: enough for a stable variance, bounded work. */
    static final int SAMPLE = 20_000;

    private final ExperimentDesignService design;
    private final OutcomeRepository outcomes;
    private final Pool pool;

    public PlanningService(ExperimentDesignService design, OutcomeRepository outcomes, Pool pool) {
        this.design = design;
        this.outcomes = outcomes;
        this.pool = pool;
    }

    /** The experiment's plan as of now; empty when there is no such experiment. */
    public Uni<Optional<ExperimentPlan>> plan(String experimentId) {
        return design.find(experimentId).chain(found -> found.isEmpty()
                ? Uni.createFrom().item(Optional.<ExperimentPlan>empty())
                : plan(found.get(), Instant.now().truncatedTo(ChronoUnit.SECONDS)).map(Optional::of));
    }

    Uni<ExperimentPlan> plan(Experiment experiment, Instant now) {
        ExperimentDefinition d = design.definition(experiment);
        OutcomeRules rules = OutcomeRules.of(d);
        Instant until = now.minus(rules.outcomeWindow());
        Instant from = until.minus(Duration.ofDays(ExperimentPlan.COHORT_DAYS));
        return pool.withConnection(connection -> outcomes.cohortSize(connection, from, until, d.eligibility())
                .chain(size -> outcomes.cohortSample(connection, from, until, d.eligibility(), SAMPLE)
                        .chain(sample -> measure(connection, sample, rules))
                        .map(measured -> ExperimentPlan.of(experiment.id(), d, from, until, size, measured))));
    }

    private Uni<List<CustomerOutcome>> measure(io.vertx.mutiny.sqlclient.SqlConnection connection,
            List<CohortMember> sample, OutcomeRules rules) {
        if (sample.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> customers = sample.stream().map(CohortMember::customerId).toList();
        List<Instant> from = sample.stream().map(m -> rules.historyFrom(m.firstContactAt())).toList();
        List<Instant> until = sample.stream().map(m -> rules.historyUntil(m.firstContactAt())).toList();
        return outcomes.histories(connection, customers, from, until).map(histories -> sample.stream()
                .map(m -> CustomerOutcome.compute(m.firstContactAt(),
                        histories.getOrDefault(m.customerId(), List.of()), rules))
                .toList());
    }
}
