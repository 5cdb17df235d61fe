package io.cxvalue.scoring.service;

import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.events.ExperimentDecided;
import io.cxvalue.scoring.repository.PolicyRolloutRepository;
import io.cxvalue.scoring.repository.ProcessedEventRepository;
import io.cxvalue.scoring.repository.RunningExperimentRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The caller policy rolled out from decided experiments (ExperimentDecided on cx.experiments), per value tier: a
 * decided experiment no longer runs, and with rollout its chosen instruction applies to every caller of the chosen
 * tiers (a later decision for a tier replaces an earlier one). The card reads this instance's copy, refreshed in the
 * background like the running experiments.
 */
@ApplicationScoped
public class PolicyRolloutService {

    static final Duration CACHE_FOR = Duration.ofSeconds(5);

    private final PolicyRolloutRepository rollouts;
    private final RunningExperimentRepository running;
    private final ProcessedEventRepository processedEvents;
    private final StaleWhileRefresh<Map<String, ExperimentDecided>> forCards;

    public PolicyRolloutService(PolicyRolloutRepository rollouts, RunningExperimentRepository running,
            ProcessedEventRepository processedEvents) {
        this.rollouts = rollouts;
        this.running = running;
        this.processedEvents = processedEvents;
        this.forCards = new StaleWhileRefresh<>("policy rollouts", CACHE_FOR, this::byTier);
    }

    /** Applies a decision once: the experiment stops showing, and a rollout becomes its tiers' policy. */
    @WithTransaction
    public Uni<EventOutcome> decided(String eventId, String topic, ExperimentDecided event) {
        String json = EventJson.write(event);
        return processedEvents.applyOnce(eventId, topic, () -> running.deleteById(event.experimentId())
                .chain(() -> Multi.createFrom().iterable(event.rollout() ? event.valueTiers() : java.util.List.of())
                        .onItem().transformToUniAndConcatenate(tier -> rollouts.rollOut(tier, event.experimentId(),
                                event.decidedAt(), json))
                        .collect().last())
                .replaceWithVoid());
    }

    /** Makes the next card read the store again (after this instance applied a change). */
    public void changed() {
        forCards.invalidate();
    }

    /** The rolled-out decision per value tier, for the caller card. */
    public Uni<Map<String, ExperimentDecided>> forCards() {
        return forCards.get();
    }

    @WithSession
    Uni<Map<String, ExperimentDecided>> byTier() {
        return rollouts.listAll().map(rows -> {
            Map<String, ExperimentDecided> byTier = new HashMap<>();
            rows.forEach(r -> byTier.put(r.valueTier(), EventJson.read(r.decision(), ExperimentDecided.class)));
            return Map.copyOf(byTier);
        });
    }
}
