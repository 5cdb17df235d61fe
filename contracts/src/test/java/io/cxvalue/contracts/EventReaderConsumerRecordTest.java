package io.cxvalue.contracts;

import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ConsumerRecord entry point decodes the record's headers (the last of repeated ones) as UTF-8. */
class EventReaderConsumerRecordTest {

    private static ConsumerRecord<String, String> record(String key, String value, String... headerPairs) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1] == null ? null
                    : headerPairs[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>(Topics.ERASURES, 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0, key, value, headers,
                Optional.empty());
    }

    @Test
    void readsTheWantedTypeFromTheLastHeaders() {
        ErasureCompleted completed = new ErasureCompleted("e-1", "c-1", "scoring-service", Instant.EPOCH);
        var received = EventReader.read(record("c-1", EventJson.write(completed),
                CloudEventHeaders.ID, "first", CloudEventHeaders.ID, "ev-ü-1",
                CloudEventHeaders.TYPE, EventType.ERASURE_COMPLETED.ceType()), ErasureCompleted.class);
        assertEquals("ev-ü-1", received.orElseThrow().eventId());
        assertEquals(completed, received.get().event());
    }

    @Test
    void skipsOtherTypesAndRejectsMissingOrEmptyHeaders() {
        ErasureRequested requested = new ErasureRequested("e-1", "c-1", Instant.EPOCH);
        assertTrue(EventReader.read(record("c-1", EventJson.write(requested), CloudEventHeaders.ID, "ev-1",
                CloudEventHeaders.TYPE, EventType.ERASURE_REQUESTED.ceType()), ErasureCompleted.class).isEmpty());
        assertThrows(MalformedEventException.class, () -> EventReader.read(record("c-1", EventJson.write(requested),
                CloudEventHeaders.TYPE, EventType.ERASURE_REQUESTED.ceType()), ErasureRequested.class));
        assertThrows(MalformedEventException.class, () -> EventReader.read(record("c-1", EventJson.write(requested),
                CloudEventHeaders.ID, null, CloudEventHeaders.TYPE, EventType.ERASURE_REQUESTED.ceType()),
                ErasureRequested.class));
    }

    @Test
    void readsAnyTypeOfTheTopicFromTheLastHeaders() {
        ErasureRequested requested = new ErasureRequested("e-1", "c-1", Instant.EPOCH);
        ReceivedEvent<CxEvent> received = EventReader.read(record("c-1", EventJson.write(requested),
                CloudEventHeaders.ID, "first", CloudEventHeaders.ID, "ev-2",
                CloudEventHeaders.TYPE, EventType.ERASURE_REQUESTED.ceType()));
        assertEquals("ev-2", received.eventId());
        assertEquals(EventType.ERASURE_REQUESTED, received.type());
        assertEquals(requested, received.event());
        assertThrows(MalformedEventException.class, () -> EventReader.read(record("c-1", EventJson.write(requested),
                CloudEventHeaders.ID, "ev-3", CloudEventHeaders.TYPE, EventType.CUSTOMER_UPSERTED.ceType())));
    }
}
