package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.ProcessedEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Objects;

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
}
