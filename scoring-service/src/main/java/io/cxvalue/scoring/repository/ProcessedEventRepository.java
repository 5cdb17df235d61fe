package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.ProcessedEvent;
import io.cxvalue.scoring.service.EventOutcome;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Objects;
import java.util.function.Supplier;

/** The ids of the events already applied. */
@ApplicationScoped
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEvent, String> {

    public Uni<Boolean> isProcessed(String eventId) {
        return findById(eventId).map(Objects::nonNull);
    }

    /** Records the event as applied; written at the flush of the current transaction, with the state change. */
    public Uni<ProcessedEvent> markProcessed(String eventId, String topic) {
        return persist(new ProcessedEvent(eventId, topic));
    }

    /**
     * Runs {@code change} and records the event id, in the caller's transaction, unless the id was recorded before.
     * <p>
     * Two consumers can apply the same event at once only around a partition rebalance: both pass the check, the
     * event id's primary key lets just one of them commit, and the other's retry then finds the id and skips it.
     */
    public Uni<EventOutcome> applyOnce(String eventId, String topic, Supplier<Uni<?>> change) {
        return isProcessed(eventId).chain(processed -> processed
                ? Uni.createFrom().item(EventOutcome.DUPLICATE)
                : markProcessed(eventId, topic)
                        .chain(change)
                        .replaceWith(EventOutcome.APPLIED));
    }
}
