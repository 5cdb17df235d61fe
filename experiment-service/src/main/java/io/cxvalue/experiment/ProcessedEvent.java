package io.cxvalue.experiment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An event this service has applied, by its CloudEvents id. It is written in the same transaction as the change the
 * event made, so a redelivery of the event (at-least-once delivery) is recognised and changes nothing.
 */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent {

    @Id
    @Column(name = "event_id", nullable = false, length = 128)
    private String eventId;

    /** The {@code ce_type} of the event. */
    @Column(name = "event_type", nullable = false, length = 128)
    private String eventType;

    /** Set by the database (column default) when the event is applied: one clock for every instance. */
    @Column(name = "processed_at", nullable = false, insertable = false, updatable = false)
    private Instant processedAt;

    protected ProcessedEvent() {
        // for Hibernate
    }

    public ProcessedEvent(String eventId, String eventType) {
        this.eventId = eventId;
        this.eventType = eventType;
    }

    public String eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    public Instant processedAt() {
        return processedAt;
    }
}
