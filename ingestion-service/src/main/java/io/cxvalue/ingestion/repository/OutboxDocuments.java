package io.cxvalue.ingestion.repository;

import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.OutboxEvent;
import com.mongodb.client.model.Updates;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.Date;
import java.util.List;

/**
 * The outbox fields a store document carries next to its data. Writing them in the same document as the change makes
 * the change and its events one atomic write, which MongoDB guarantees without multi-document transactions.
 */
final class OutboxDocuments {

    /** The document's unpublished events, in publication order; published ones are removed. */
    static final String EVENTS = "outbox";
    static final String PUBLISHED_AT = "outboxPublishedAt";

    private OutboxDocuments() {
    }

    /**
     * Adds pending {@code events} to a new {@code document}, each entry tagged with the id of the write's marker
     * (written first, see OutboxRepository), so that the relay can tell whether the write has landed.
     */
    static Document withPending(Document document, List<OutboxEvent> events, String markerId) {
        return document.append(EVENTS, tagged(events, markerId));
    }

    /**
     * Writes the outbox of a new record's document being written: its one event without the payload. The payload is
     * the record itself, which the document holds, so the relay rebuilds it from there ({@link #fromDocument(Document,
     * Document, RecordKind)}). That keeps record documents half the size. The entry holds what {@link
     * #toDocument(OutboxEvent)} holds but the payload, in the same order.
     */
    static void writeRecordEvent(BsonWriter writer, OutboxEvent event) {
        writer.writeStartArray(EVENTS);
        writer.writeStartDocument();
        KindDocuments.writeOrNull(writer, "eventId", event.eventId());
        writer.writeString("type", event.type().ceType());
        KindDocuments.writeOrNull(writer, "key", event.key());
        writer.writeDateTime("createdAt", event.createdAt().toEpochMilli());
        writer.writeInt64("sequence", event.sequence());
        writer.writeEndDocument();
        writer.writeEndArray();
    }

    /** An update that appends pending events to a document, tagged with the id of the write's marker. */
    static Bson appendPending(List<OutboxEvent> events, String markerId) {
        return Updates.pushEach(EVENTS, tagged(events, markerId));
    }

    private static List<Document> tagged(List<OutboxEvent> events, String markerId) {
        return events.stream().map(event -> toDocument(event).append(OutboxRepository.ENTRY_MARKER, markerId)).toList();
    }

    static Document toDocument(OutboxEvent event) {
        return new Document("eventId", event.eventId())
                .append("type", event.type().ceType())
                .append("key", event.key())
                .append("payload", event.payload())
                .append("createdAt", Date.from(event.createdAt()))
                .append("sequence", event.sequence());
    }

    /** An outbox entry of {@code stored}, whose payload is rebuilt from the record when the entry has none. */
    static OutboxEvent fromDocument(Document entry, Document stored, RecordKind<?> kind) {
        OutboxEvent event = fromDocument(entry);
        if (event.payload() != null || kind == null) {
            return event;
        }
        return new OutboxEvent(event.eventId(), event.type(), event.key(),
                EventJson.write(kind.fromDocument().apply(stored)), event.createdAt(), event.sequence());
    }

    static OutboxEvent fromDocument(Document document) {
        String ceType = document.getString("type");
        EventType type = EventType.ofCeType(ceType)
                .orElseThrow(() -> new IllegalStateException("Outbox holds an unknown event type " + ceType));
        return new OutboxEvent(document.getString("eventId"), type, document.getString("key"),
                document.getString("payload"), document.getDate("createdAt").toInstant(),
                document.getLong("sequence"));
    }
}
