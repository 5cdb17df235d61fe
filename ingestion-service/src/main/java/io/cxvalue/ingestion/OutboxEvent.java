package io.cxvalue.ingestion;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting in the outbox: stored in the same document as the change that produced it and published by the
 * relay. Its id is fixed here, so a republish after a crash carries the same {@code ce_id} and consumers skip it.
 *
 * @param sequence orders the events of the outbox (per-instance monotonic microseconds)
 */
public record OutboxEvent(String eventId, EventType type, String key, String payload, Instant createdAt,
                          long sequence) {

    public static OutboxEvent of(CxEvent event, Instant createdAt, long sequence) {
        return new OutboxEvent(UUID.randomUUID().toString(), EventType.of(event), event.customerId(),
                EventJson.write(event), createdAt, sequence);
    }
}
