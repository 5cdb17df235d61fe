package io.cxvalue.contracts.outbox;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.OutboxEvent;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A PostgreSQL outbox table {@code outbox_event} (each service creates it in its own schema migration), used through
 * Hibernate Reactive native queries in the caller's session and transaction:
 * <pre>
 * event_id varchar primary key, sequence_number bigserial not null unique, topic varchar not null,
 * event_key varchar not null, ce_type varchar not null, payload text not null, created_at timestamptz not null
 * </pre>
 * The relay claims the oldest rows with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so the relays of two instances
 * never hold (and so never send) the same rows at once, publishes them, and deletes them in the same transaction.
 */
public class PgOutbox {

    static final String INSERT = """
            insert into outbox_event (event_id, topic, event_key, ce_type, payload, created_at)
            values (:eventId, :topic, :key, :ceType, :payload, :createdAt)""";

    // Oldest first; rows another transaction (another instance's relay) holds are skipped, not waited for.
    static final String CLAIM = """
            select event_id, sequence_number, ce_type, event_key, payload, created_at
            from outbox_event
            order by sequence_number
            limit :limit
            for update skip locked""";

    static final String DELETE = "delete from outbox_event where event_id in (:eventIds)";

    private final Supplier<Uni<Mutiny.Session>> sessions;

    /** @param sessions the current session (e.g. Panache's), in the caller's transaction */
    public PgOutbox(Supplier<Uni<Mutiny.Session>> sessions) {
        this.sessions = sessions;
    }

    /** Stores {@code event} in the current transaction; it is published after that transaction commits. */
    public Uni<OutboxEvent> add(CxEvent event, Instant now) {
        OutboxEvent outboxEvent = OutboxEvent.of(event, now, 0);
        return sessions.get().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("eventId", outboxEvent.eventId())
                        .setParameter("topic", outboxEvent.type().topic())
                        .setParameter("key", outboxEvent.key())
                        .setParameter("ceType", outboxEvent.type().ceType())
                        .setParameter("payload", outboxEvent.payload())
                        .setParameter("createdAt", OffsetDateTime.ofInstant(outboxEvent.createdAt(), ZoneOffset.UTC))
                        .executeUpdate())
                .replaceWith(outboxEvent);
    }

    /**
     * Locks and returns up to {@code limit} pending events in publication order. Must run in a transaction: the
     * locks keep the rows from other relays until it ends, and the caller deletes them in it once published.
     */
    public Uni<List<OutboxEvent>> claimPending(int limit) {
        return sessions.get().chain(session -> session.<Object[]>createNativeQuery(CLAIM)
                        .setParameter("limit", limit)
                        .getResultList())
                .map(rows -> rows.stream().map(PgOutbox::toEvent).toList());
    }

    /** Deletes the given (claimed and published) events in the current transaction. */
    public Uni<Integer> deletePublished(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return sessions.get().chain(session -> session.createNativeQuery(DELETE)
                .setParameter("eventIds", eventIds)
                .executeUpdate());
    }

    /**
     * A {@link RelayRounds.Batch} of this table, to run in a transaction of its own: claims up to {@code limit}
     * events, publishes them, waits for every ack, then deletes them.
     *
     * @param sessionContext where the session may be used again once the acks (on Kafka's threads) are in
     */
    public Uni<RelayRounds.Relayed> relayBatch(int limit, RelayRounds.Publisher publish, Executor sessionContext) {
        return claimPending(limit).chain(claimed -> claimed.isEmpty()
                ? Uni.createFrom().item(RelayRounds.Relayed.of(0, limit))
                : publish.publishAll(claimed)
                        .emitOn(sessionContext)
                        .chain(() -> deletePublished(claimed.stream().map(OutboxEvent::eventId).toList()))
                        .replaceWith(RelayRounds.Relayed.of(claimed.size(), limit)));
    }

    /** The event of a row of {@link #CLAIM}. */
    static OutboxEvent toEvent(Object[] row) {
        String eventId = (String) row[0];
        String ceType = (String) row[2];
        EventType type = EventType.ofCeType(ceType).orElseThrow(
                () -> new IllegalStateException("Outbox event " + eventId + " has unknown type " + ceType));
        return new OutboxEvent(eventId, type, (String) row[3], (String) row[4], instant(row[5]),
                ((Number) row[1]).longValue());
    }

    /** A {@code timestamptz} as the driver hands it over. */
    static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime.toInstant();
        }
        if (value instanceof ZonedDateTime zonedDateTime) {
            return zonedDateTime.toInstant();
        }
        if (value instanceof Date date) {
            // java.sql.Timestamp keeps its nanoseconds only through its own toInstant().
            return date.toInstant();
        }
        throw new IllegalStateException("Not a point in time: " + (value == null ? "null" : value.getClass()));
    }
}
