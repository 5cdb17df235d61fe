package io.cxvalue.ingestion.repository;

import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A record's document keeps its event's id and sequence only; the relay rebuilds the rest from the record. */
class RecordDocumentTest {

    private static final Instant RECEIVED_AT = Instant.parse("2026-12-05T10:15:30.123Z");
    private static final InteractionRecorded RECORD = new InteractionRecorded("i-1", "crm", "ext-1", "c-1",
            Channel.VOICE, Direction.INBOUND, Instant.parse("2026-12-05T10:00:00Z"), 12, 300, 20, 45, false,
            "agent-1", "team-a", "care", "billing", 1, true, -0.4, null, "winter", null, "q-care");

    @Test
    void theEventOfARecordIsRebuiltFromItsDocumentAsItWasCreated() {
        OutboxEvent event = OutboxEvent.of(RECORD, RECEIVED_AT, 42L);
        Document stored = stored(event);
        Document entry = stored.getList(OutboxDocuments.EVENTS, Document.class).get(0);

        assertEquals(List.of("eventId", "sequence"), List.copyOf(entry.keySet()), "only what the record cannot tell");
        assertEquals(event, OutboxDocuments.fromDocument(entry, stored, RecordKind.INTERACTION));
    }

    @Test
    void anEntryWrittenInFullBeforeIsReadAsWrittenWithItsPayloadRebuilt() {
        Document stored = stored(OutboxEvent.of(RECORD, RECEIVED_AT, 42L));
        Instant createdAt = Instant.parse("2026-12-01T08:00:00Z");
        Document entry = new Document("eventId", "e-old").append("type", "io.cxvalue.interaction.recorded.v1")
                .append("key", "c-old").append("createdAt", Date.from(createdAt)).append("sequence", 7L);

        OutboxEvent event = OutboxDocuments.fromDocument(entry, stored, RecordKind.INTERACTION);

        assertEquals(new OutboxEvent("e-old", event.type(), "c-old", EventJson.write(RECORD), createdAt, 7L), event);
        assertEquals("io.cxvalue.interaction.recorded.v1", event.type().ceType());
    }

    @Test
    void anEventTheDocumentCouldNotRebuildIsRefused() {
        OutboxEvent createdLater = OutboxEvent.of(RECORD, RECEIVED_AT.plusMillis(1), 42L);
        InteractionRecorded otherCustomer = new InteractionRecorded("i-1", "crm", "ext-1", "c-2", Channel.VOICE,
                Direction.INBOUND, RECORD.startedAt(), 12, 300, 20, 45, false, "agent-1", "team-a", "care", "billing",
                1, true, -0.4, null, "winter", null);
        OutboxEvent ofAnotherCustomer = OutboxEvent.of(otherCustomer, RECEIVED_AT, 42L);

        assertThrows(IllegalArgumentException.class, () -> stored(createdLater));
        assertThrows(IllegalArgumentException.class, () -> stored(ofAnotherCustomer));
    }

    private static Document stored(OutboxEvent event) {
        return RecordStore.document(RecordKind.INTERACTION, RECORD, RECEIVED_AT, event).decode(new DocumentCodec());
    }
}
