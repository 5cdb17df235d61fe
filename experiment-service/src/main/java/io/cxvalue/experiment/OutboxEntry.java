package io.cxvalue.experiment;

import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.OutboxEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An event waiting in the outbox: written in the same transaction as the change it reports, published and deleted
 * by the outbox relay. Its event id (the {@code ce_id}) is fixed here, so a resend carries the same id.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEntry {

    @Id
    @Column(name = "event_id", length = 128)
    private String eventId;

    // Assigned by the database (bigserial): the order in which the relay publishes.
    @Column(name = "sequence_number", nullable = false, insertable = false, updatable = false)
    private Long sequenceNumber;

    @Column(name = "topic", nullable = false, length = 255)
    private String topic;

    @Column(name = "event_key", nullable = false, length = 128)
    private String key;

    @Column(name = "ce_type", nullable = false, length = 128)
    private String ceType;

    @Column(name = "payload", nullable = false, columnDefinition = "text")
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For Hibernate. */
    protected OutboxEntry() {
    }

    /** The row that stores {@code event}; its sequence number is assigned by the database at insert. */
    public static OutboxEntry of(OutboxEvent event) {
        OutboxEntry entry = new OutboxEntry();
        entry.eventId = event.eventId();
        entry.topic = event.type().topic();
        entry.key = event.key();
        entry.ceType = event.type().ceType();
        entry.payload = event.payload();
        entry.createdAt = event.createdAt();
        return entry;
    }

    /** The event to publish. */
    public OutboxEvent toEvent() {
        EventType type = EventType.ofCeType(ceType)
                .orElseThrow(() -> new IllegalStateException("Outbox event " + eventId + " has unknown type " + ceType));
        return new OutboxEvent(eventId, type, key, payload, createdAt, sequenceNumber == null ? 0 : sequenceNumber);
    }

    public String eventId() {
        return eventId;
    }

    public String topic() {
        return topic;
    }
}
