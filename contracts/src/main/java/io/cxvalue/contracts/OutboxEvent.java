package io.cxvalue.contracts;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting in a service's outbox: stored in the same unit of work as the change that produced it and
 * published by the service's relay. Its id is fixed here, so a republish after a crash carries the same
 * {@code ce_id} and consumers skip it.
 *
 * @param key      the record key and {@code ce_subject}: {@link CxEvent#key()}, the customer id (the experiment id on
 *                 {@link Topics#EXPERIMENTS})
 * @param sequence orders the events of the outbox (e.g. per-instance monotonic microseconds)
 */
public record OutboxEvent(String eventId, EventType type, String key, String payload, Instant createdAt,
                          long sequence) {

    public static OutboxEvent of(CxEvent event, Instant createdAt, long sequence) {
        return new OutboxEvent(UUID.randomUUID().toString(), EventType.of(event), event.key(),
                EventJson.write(event.published()), createdAt, sequence);
    }

    /**
     * The CloudEvents attributes of the event as Kafka headers (binary content mode).
     *
     * @param source the {@code ce_source} of the publishing service, e.g. {@code /scoring-service}
     */
    public Headers headers(String source) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.ID, eventId);
        header(headers, CloudEventHeaders.TYPE, type.ceType());
        header(headers, CloudEventHeaders.SOURCE, source);
        header(headers, CloudEventHeaders.TIME, createdAt.toString());
        header(headers, CloudEventHeaders.SUBJECT, key);
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
