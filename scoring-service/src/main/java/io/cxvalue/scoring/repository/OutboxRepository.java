package io.cxvalue.scoring.repository;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.contracts.outbox.PgOutbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The outbox ({@code outbox_event}): events stored with the change they report, in Panache's current session. */
@ApplicationScoped
public class OutboxRepository extends PgOutbox {

    public OutboxRepository() {
        super(Panache::getSession);
    }

    /**
     * Stores {@code events} in the current transaction with one multi-row statement (a scoring chunk's score
     * changes), in list order; they are published after that transaction commits.
     */
    public Uni<List<OutboxEvent>> addAll(List<? extends CxEvent> events, Instant now) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<OutboxEvent> rows = events.stream().map(e -> OutboxEvent.of(e, now, 0)).toList();
        StringBuilder sql = new StringBuilder(
                "insert into outbox_event (event_id, topic, event_key, ce_type, payload, created_at) values ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:id").append(i).append(", :topic").append(i).append(", :key")
                    .append(i).append(", :type").append(i).append(", :payload").append(i).append(", :at").append(i)
                    .append(')');
        }
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < rows.size(); i++) {
                OutboxEvent row = rows.get(i);
                query.setParameter("id" + i, row.eventId())
                        .setParameter("topic" + i, row.type().topic())
                        .setParameter("key" + i, row.key())
                        .setParameter("type" + i, row.type().ceType())
                        .setParameter("payload" + i, row.payload())
                        .setParameter("at" + i, createdAt);
            }
            return query.executeUpdate();
        }).replaceWith(rows);
    }
}
