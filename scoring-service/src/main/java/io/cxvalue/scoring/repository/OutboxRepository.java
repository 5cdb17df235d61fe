package io.cxvalue.scoring.repository;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.scoring.OutboxEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The outbox: events stored with the change they report, waiting for the relay. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEntry, String> {

    // Oldest first; rows another transaction (another instance's relay) holds are skipped, not waited for.
    private static final String CLAIM = """
            SELECT * FROM outbox_event
            ORDER BY sequence_number
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""";

    /** Stores {@code event} in the current transaction; it is published after that transaction commits. */
    public Uni<OutboxEvent> add(CxEvent event, Instant now) {
        OutboxEvent outboxEvent = OutboxEvent.of(event, now, 0);
        return persist(OutboxEntry.of(outboxEvent)).replaceWith(outboxEvent);
    }

    /**
     * Locks and returns up to {@code limit} pending events in publication order. Must run in a transaction: the
     * locks keep the rows from other relays until it ends, and the caller deletes them in it once published.
     */
    public Uni<List<OutboxEntry>> claimPending(int limit) {
        return getSession().chain(session -> session.createNativeQuery(CLAIM, OutboxEntry.class)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Deletes the given (claimed and published) events in the current transaction. */
    public Uni<Long> deletePublished(List<String> eventIds) {
        return delete("eventId in ?1", eventIds);
    }
}
