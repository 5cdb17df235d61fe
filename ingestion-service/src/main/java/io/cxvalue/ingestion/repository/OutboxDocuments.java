package io.cxvalue.ingestion.repository;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.OutboxEvent;
import com.mongodb.client.model.Updates;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
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
     * Writes the outbox of a new record's document being written: its one event as its id and sequence only. The rest
     * of the event follows from the document ({@link #fromDocument(Document, Document, RecordKind)}): the payload is
     * the record, the type is its kind's, the key its customer and the creation time the document's receivedAt (the
     * event of a record is created when the record is received). That keeps record documents less than half the size
     * on the wire and in the store, which is most of what a MongoDB server spends per stored record.
     */
    static void writeRecordEvent(BsonWriter writer, OutboxEvent event) {
        writer.writeStartArray(EVENTS);
        writer.writeStartDocument();
        KindDocuments.writeOrNull(writer, "eventId", event.eventId());
        writer.writeInt64("sequence", event.sequence());
        writer.writeEndDocument();
        writer.writeEndArray();
    }

    /**
     * Whether {@code event} is what {@link #fromDocument(Document, Document, RecordKind)} rebuilds from the document of
     * {@code record} received at {@code receivedAt}, so that {@link #writeRecordEvent} loses nothing.
     */
    static boolean isRecordEvent(OutboxEvent event, CxEvent record, Instant receivedAt) {
        return event.type() == EventType.of(record)
                && java.util.Objects.equals(event.key(), record.customerId())
                && event.createdAt().toEpochMilli() == receivedAt.toEpochMilli();
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

    /**
     * An outbox entry of {@code stored}. A record's entry holds only the event's id and sequence ({@link
     * #writeRecordEvent}); the rest is rebuilt from the record. Entries written in full (customers, erasures, and
     * records stored before entries were compact) are read as they are, a missing payload rebuilt from the record.
     */
    static OutboxEvent fromDocument(Document entry, Document stored, RecordKind<?> kind) {
        if (kind == null || entry.containsKey("type") && entry.getString("payload") != null) {
            return fromDocument(entry);
        }
        CxEvent record = kind.fromDocument().apply(stored);
        if (entry.containsKey("type")) {
            OutboxEvent event = fromDocument(entry);
            return new OutboxEvent(event.eventId(), event.type(), event.key(), EventJson.write(record.published()),
                    event.createdAt(), event.sequence());
        }
        return new OutboxEvent(entry.getString("eventId"), EventType.of(record), record.customerId(),
                EventJson.write(record.published()), stored.getDate(RecordStore.RECEIVED_AT).toInstant(),
                entry.getLong("sequence"));
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
