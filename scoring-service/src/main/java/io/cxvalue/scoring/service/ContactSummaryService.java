package io.cxvalue.scoring.service;

import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.scoring.CustomerContactSummary;
import io.cxvalue.scoring.repository.CustomerContactSummaryRepository;
import io.cxvalue.scoring.repository.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps each customer's contact summary up to date from interaction events, exactly once per event. */
@ApplicationScoped
public class ContactSummaryService {

    /** What applying an event did. */
    public enum Outcome {
        /** The event changed the summary. */
        APPLIED,
        /** The event was applied before (a redelivery); nothing changed. */
        DUPLICATE
    }

    private final CustomerContactSummaryRepository summaries;
    private final ProcessedEventRepository processedEvents;

    public ContactSummaryService(CustomerContactSummaryRepository summaries, ProcessedEventRepository processedEvents) {
        this.summaries = summaries;
        this.processedEvents = processedEvents;
    }

    /**
     * Adds an interaction to its customer's summary and records the event id, in one transaction; an event id seen
     * before changes nothing.
     * <p>
     * Two consumers can apply the same event at once only around a partition rebalance: both pass the check, the
     * event id's primary key lets just one of them commit, and the other's retry then finds the id and skips it.
     */
    @WithTransaction
    public Uni<Outcome> recordInteraction(String eventId, String topic, InteractionRecorded interaction) {
        return processedEvents.isProcessed(eventId).chain(processed -> processed
                ? Uni.createFrom().item(Outcome.DUPLICATE)
                : processedEvents.markProcessed(eventId, topic)
                        .chain(() -> addToSummary(interaction))
                        .replaceWith(Outcome.APPLIED));
    }

    private Uni<CustomerContactSummary> addToSummary(InteractionRecorded interaction) {
        String customerId = interaction.customerId();
        return summaries.findById(customerId)
                .map(found -> found != null ? found : CustomerContactSummary.forNewCustomer(customerId))
                .invoke(summary -> summary.record(interaction))
                // Inserts a new summary; for a loaded one it is a no-op and the flush at commit writes the changes.
                .chain(summaries::persist);
    }

    /** The customer's summary, or a null item when no contact of theirs has been recorded. */
    @WithSession
    public Uni<CustomerContactSummary> findSummary(String customerId) {
        return summaries.findById(customerId);
    }
}
