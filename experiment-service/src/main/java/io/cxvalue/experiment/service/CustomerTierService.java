package io.cxvalue.experiment.service;

import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.experiment.repository.CustomerTierRepository;
import io.cxvalue.experiment.repository.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Keeps each customer's latest value tier from cx.scores, for tier eligibility and results per tier. */
@ApplicationScoped
public class CustomerTierService {

    private final ProcessedEventRepository processedEvents;
    private final CustomerTierRepository tiers;

    public CustomerTierService(ProcessedEventRepository processedEvents, CustomerTierRepository tiers) {
        this.processedEvents = processedEvents;
        this.tiers = tiers;
    }

    /**
     * Applies a poll's scores (by event id, in order) in one transaction, each exactly once.
     *
     * @return how many were new (the rest were redeliveries)
     */
    @WithTransaction
    public Uni<Integer> scoredAll(Map<String, CustomerScored> byEventId) {
        return Multi.createFrom().iterable(byEventId.entrySet())
                .onItem().transformToUniAndConcatenate(scored -> scored(scored.getKey(), scored.getValue()))
                .collect().asList()
                .map(fresh -> (int) fresh.stream().filter(Boolean::booleanValue).count());
    }

    /** Applies the score exactly once, in the caller's transaction; false for a redelivery. */
    private Uni<Boolean> scored(String eventId, CustomerScored score) {
        return processedEvents.claim(eventId, EventType.CUSTOMER_SCORED.ceType())
                .chain(first -> first
                        ? tiers.record(score.customerId(), score.valueTier(), score.scoredAt()).replaceWith(true)
                        : Uni.createFrom().item(false));
    }
}
