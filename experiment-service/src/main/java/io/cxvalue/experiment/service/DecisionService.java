package io.cxvalue.experiment.service;

import io.cxvalue.contracts.events.ExperimentDecided;
import io.cxvalue.contracts.events.ExperimentStopped;
import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.experiment.design.Decision;
import io.cxvalue.experiment.design.DefinitionCheck;
import io.cxvalue.experiment.design.ExperimentDefinition;
import io.cxvalue.experiment.repository.DecisionRepository;
import io.cxvalue.experiment.repository.ExperimentRepository;
import io.cxvalue.experiment.repository.OutboxRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Records what analysts decide an experiment showed, with the audit trail, and publishes it as
 * {@link ExperimentDecided}: when rolled out, scoring-service makes the chosen variant's instruction the caller policy
 * for the chosen value tiers. A running experiment is stopped by its decision (published as well), all in one
 * transaction with the outbox.
 */
@ApplicationScoped
public class DecisionService {

    /** A decision that names what the experiment does not have: a 400 naming the fields. */
    public static final class InvalidDecision extends RuntimeException {
        private final transient List<DefinitionCheck.Violation> violations;

        InvalidDecision(List<DefinitionCheck.Violation> violations) {
            super(violations.toString());
            this.violations = List.copyOf(violations);
        }

        public List<DefinitionCheck.Violation> violations() {
            return violations;
        }
    }

    private final ExperimentRepository experiments;
    private final DecisionRepository decisions;
    private final OutboxRepository outbox;
    private final ExperimentDesignService design;

    public DecisionService(ExperimentRepository experiments, DecisionRepository decisions, OutboxRepository outbox,
            ExperimentDesignService design) {
        this.experiments = experiments;
        this.decisions = decisions;
        this.outbox = outbox;
        this.design = design;
    }

    /**
     * Decides; empty when there is no such experiment.
     *
     * @throws InvalidDecision (as the Uni's failure) when the variant is not one of the experiment's, or a rollout
     *                         names no tier
     */
    @WithTransaction
    public Uni<Optional<Decision>> decide(String experimentId, String variant, boolean rollout,
            List<String> valueTiers, String rationale, String by) {
        return experiments.findById(experimentId).chain(found -> {
            if (found == null) {
                return Uni.createFrom().item(Optional.<Decision>empty());
            }
            ExperimentDefinition definition = design.definition(found);
            Optional<ExperimentVariantDefinition> chosen = definition.variants().stream()
                    .filter(v -> v.key().equals(variant)).findFirst();
            if (chosen.isEmpty()) {
                throw new InvalidDecision(List.of(new DefinitionCheck.Violation("variant", "must be one of "
                        + definition.variants().stream().map(ExperimentVariantDefinition::key).toList())));
            }
            if (rollout && valueTiers.isEmpty()) {
                throw new InvalidDecision(List.of(new DefinitionCheck.Violation("valueTiers",
                        "must name at least one value tier when rollout is true")));
            }
            List<String> tiers = rollout ? List.copyOf(valueTiers) : List.of();
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            boolean stopped = found.decide(by, at);
            Uni<Void> stopEvent = stopped
                    ? outbox.add(new ExperimentStopped(found.id(), at, by, "decided"), at).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return stopEvent
                    .chain(() -> decisions.add(found.id(), variant, rollout, tiers, rationale, by, at))
                    .chain(id -> outbox.add(new ExperimentDecided(found.id(), found.name(), variant,
                                    chosen.get().instruction(), rollout, tiers, at, by, rationale), at)
                            .replaceWith(Optional.of(new Decision(id, found.id(), variant, rollout, tiers, rationale,
                                    by, at))));
        });
    }

    /** The experiment's decisions, oldest first; empty when there is no such experiment. */
    @WithSession
    public Uni<Optional<List<Decision>>> decisions(String experimentId) {
        return experiments.findById(experimentId).chain(found -> found == null
                ? Uni.createFrom().item(Optional.<List<Decision>>empty())
                : decisions.of(experimentId).map(Optional::of));
    }
}
