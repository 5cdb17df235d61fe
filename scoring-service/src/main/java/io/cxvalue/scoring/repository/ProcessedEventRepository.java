package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.ProcessedEvent;
import io.cxvalue.scoring.service.EventOutcome;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** The ids of the events already applied. */
@ApplicationScoped
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEvent, String> {

    /** The latest event applied from a topic and when. */
    public record Latest(String eventId, Instant appliedAt) {
    }

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

    /**
     * Per topic, the event applied last (one of a poll's, which share a transaction time); absent when none was. In
     * the caller's session, or a session of its own (a fit or a run starts outside any).
     */
    public Uni<Map<String, Latest>> latestPerTopic(List<String> topics) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .<Object[]>createNativeQuery("""
                                select distinct on (topic) topic, event_id, processed_at from processed_event
                                where topic in (:topics) order by topic, processed_at desc""")
                        .setParameter("topics", topics)
                        .getResultList()))
                .map(rows -> {
                    Map<String, Latest> latest = new HashMap<>();
                    for (Object[] row : rows) {
                        latest.put((String) row[0], new Latest((String) row[1], ClvModelRepository.instant(row[2])));
                    }
                    return latest;
                });
    }
}
