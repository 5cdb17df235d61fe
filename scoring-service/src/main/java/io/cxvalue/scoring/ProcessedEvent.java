package io.cxvalue.scoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * An event (by its CloudEvents {@code ce_id}) whose effect is already in the store. It is written in the same
 * transaction as that effect, so a redelivered event is recognised and changes nothing.
 */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent {

    /** Width of the id column: room for any {@code ce_id} contracts' {@code EventReader} accepts (128 characters). */
    public static final int MAX_EVENT_ID_LENGTH = 255;

    @Id
    @Column(name = "event_id", length = MAX_EVENT_ID_LENGTH)
    private String eventId;

    @Column(name = "topic", nullable = false, length = 255)
    private String topic;

    // Set by the database: the time of the transaction that applied the event.
    @Column(name = "processed_at", nullable = false, insertable = false, updatable = false)
    private Instant processedAt;

    /** For Hibernate. */
    protected ProcessedEvent() {
    }

    public ProcessedEvent(String eventId, String topic) {
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    public String eventId() {
        return eventId;
    }

    public String topic() {
        return topic;
    }

    public Instant processedAt() {
        return processedAt;
    }
}
