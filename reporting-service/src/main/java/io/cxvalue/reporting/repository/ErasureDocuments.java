package io.cxvalue.reporting.repository;

import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.reporting.Erasure;
import org.bson.Document;

import java.util.Date;

/**
 * The BSON shape of an {@link Erasure} in the {@value #COLLECTION} collection. The ErasureCompleted event is embedded
 * in the erasure's own document, so recording the erasure and queueing its confirmation are one single-document
 * insert: no transaction needed, no dual write.
 */
final class ErasureDocuments {

    static final String COLLECTION = "erasures";
    /**
     * The erased customers: {@code _id} the keyed hash of the customer id ({@link ErasedCustomerKeys}), and the
     * pseudonym their facts carry. Nothing else, no time either (it would match the erasure's).
     */
    static final String ERASED_CUSTOMERS = "erased_customers";

    /** The erasure id; an erased customer's key. */
    static final String ID = "_id";
    static final String PSEUDONYM = "pseudonym";
    /** Written by earlier versions, which kept the erased customer's id and pseudonym with the erasure. */
    static final String LEGACY_CUSTOMER_ID = "customerId";
    static final String REQUEST_EVENT_ID = "requestEventId";
    static final String COMPLETED_AT = "completedAt";
    /** The embedded outbox event (the ErasureCompleted confirmation). */
    static final String OUTBOX = "outbox";
    static final String OUTBOX_EVENT_ID = OUTBOX + ".eventId";
    /** Present and true until the outbox event is published; the relay's partial index covers only these. */
    static final String PENDING = "outboxPending";
    /** The event's sequence, the relay's publication order. */
    static final String SEQUENCE = "outboxSequence";
    static final String PUBLISHED_AT = "outboxPublishedAt";

    private ErasureDocuments() {
    }

    static Document toDocument(Erasure erasure) {
        OutboxEvent event = erasure.completion();
        return new Document(ID, erasure.erasureId())
                .append(REQUEST_EVENT_ID, erasure.requestEventId())
                .append(COMPLETED_AT, Date.from(erasure.completedAt()))
                .append(OUTBOX, new Document("eventId", event.eventId())
                        .append("type", event.type().ceType())
                        .append("key", event.key())
                        .append("payload", event.payload())
                        .append("createdAt", Date.from(event.createdAt()))
                        .append("sequence", event.sequence()))
                .append(PENDING, true)
                .append(SEQUENCE, event.sequence());
    }

    /** The outbox event embedded in an erasure document. */
    static OutboxEvent outboxEvent(Document erasure) {
        Document event = erasure.get(OUTBOX, Document.class);
        String ceType = event.getString("type");
        EventType type = EventType.ofCeType(ceType)
                .orElseThrow(() -> new IllegalStateException("Outbox holds an unknown event type " + ceType));
        return new OutboxEvent(event.getString("eventId"), type, event.getString("key"), event.getString("payload"),
                event.getDate("createdAt").toInstant(), event.getLong("sequence"));
    }
}
