package io.cxvalue.testsupport;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes events to the test broker the way ingestion does: JSON payload, CloudEvents binary headers, its key (the customer id; an experiment id on cx.experiments). */
public final class CloudEventRecords {

    private CloudEventRecords() {
    }

    /** Publishes {@code event} with a new event id and returns that id. */
    public static String publish(CxEvent event) {
        String id = UUID.randomUUID().toString();
        publish(event, id);
        return id;
    }

    /** Publishes {@code event} with the given event id (publish twice with one id to simulate a redelivery). */
    public static void publish(CxEvent event, String eventId) {
        EventType type = EventType.of(event);
        KafkaTestClient.send(type.topic(), event.key(), EventJson.write(event), headers(type, event, eventId));
    }

    /** Publishes the events in order, each with a new event id, through one producer (for data sets of many). */
    public static void publishAll(List<? extends CxEvent> events) {
        List<KafkaTestClient.Record> records = new ArrayList<>(events.size());
        for (CxEvent event : events) {
            EventType type = EventType.of(event);
            records.add(new KafkaTestClient.Record(type.topic(), event.key(), EventJson.write(event),
                    headers(type, event, UUID.randomUUID().toString())));
        }
        KafkaTestClient.sendAll(records);
    }

    private static Map<String, String> headers(EventType type, CxEvent event, String eventId) {
        return Map.of(
                CloudEventHeaders.ID, eventId,
                CloudEventHeaders.TYPE, type.ceType(),
                CloudEventHeaders.SOURCE, "/test",
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.SUBJECT, event.key(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    }
}
