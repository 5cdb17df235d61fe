package io.cxvalue.experiment.repository;

import io.cxvalue.experiment.ProcessedEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The ids of the events this service has applied. */
@ApplicationScoped
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEvent, String> {

    /**
     * Records, within the caller's transaction, that the event is being applied.
     *
     * <p>Should two consumers ever apply the same event at once (a partition moving during a rebalance), the second
     * commit fails on the primary key; the consumer's retry then finds the event applied and skips it.
     *
     * @return true if the event is new; false if it was applied before and must change nothing now
     */
    public Uni<Boolean> claim(String eventId, String eventType) {
        return findById(eventId).chain(applied -> applied != null
                ? Uni.createFrom().item(false)
                : persist(new ProcessedEvent(eventId, eventType)).replaceWith(true));
    }
}
