package io.cxvalue.ingestion.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.ingestion.Received;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.bson.io.BasicOutputBuffer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stores records of every {@link RecordKind}, each kind in its own collection, unique on (source, externalId), each
 * record together with the events it produces.
 */
@ApplicationScoped
public class RecordStore {

    static final String RECEIVED_AT = "receivedAt";
    /** Large enough for a typical record document (about 600 bytes) without growing. */
    private static final int DOCUMENT_BUFFER_SIZE = 1024;

    private final MongoCollections collections;
    private final OutboxRepository outbox;

    public RecordStore(MongoCollections collections, OutboxRepository outbox) {
        this.collections = collections;
        this.outbox = outbox;
    }

    /**
     * The outcome of storing records.
     *
     * @param duplicates positions refused as duplicates of a stored record or of an earlier one of the same call
     * @param markerId   the outbox marker of the write: the writer clears it once it has published the stored
     *                   records' events itself
     */
    public record Inserted(Set<Integer> duplicates, String markerId) {
    }

    private ReactiveMongoCollection<Document> collection(RecordKind<?> kind) {
        return collections.get(kind.collection());
    }

    /** The unique (source, externalId) index of every kind: what makes a resubmission a duplicate. */
    public Uni<Void> ensureIndexes() {
        return Uni.join().all(RecordKind.ALL.stream()
                        .map(kind -> collection(kind)
                                .createIndex(Indexes.ascending(KindDocuments.SOURCE, KindDocuments.EXTERNAL_ID),
                                        new IndexOptions().name("source_external_id").unique(true)))
                        .toList())
                .andFailFast()
                .replaceWithVoid();
    }

    /**
     * Stores the record and its events in one atomic write.
     *
     * @return true when stored, false when a record of the kind with the same source and external id exists
     */
    public <R extends CxEvent> Uni<Boolean> insert(RecordKind<R> kind, R record, Instant receivedAt,
            List<OutboxEvent> events) {
        return insertMany(kind, List.of(record), receivedAt, List.of(events.get(0)))
                .map(inserted -> inserted.duplicates().isEmpty());
    }

    /**
     * Stores many records, each with its events in its own document, in one unordered bulk write: every record the
     * unique index accepts is stored whatever happens to the others.
     *
     * The write's outbox marker is written first (see {@link OutboxRepository}).
     *
     * @param events the event of each record, in the order of {@code records}: of the record's type and customer,
     *               created at {@code receivedAt}
     * @throws MongoBulkWriteException (as the failure) when a record failed for another reason than a duplicate
     */
    public <R extends CxEvent> Uni<Inserted> insertMany(RecordKind<R> kind, List<R> records, Instant receivedAt,
            List<OutboxEvent> events) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(new Inserted(Set.of(), null));
        }
        List<RawBsonDocument> documents = new ArrayList<>(records.size());
        List<String> ids = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            documents.add(document(kind, records.get(i), receivedAt, events.get(i)));
            ids.add(kind.id().apply(records.get(i)));
        }
        return outbox.mark(kind.collection(), ids, events.get(0).sequence(), receivedAt, true)
                .chain(markerId -> insertDocuments(kind, documents)
                        .map(duplicates -> new Inserted(duplicates, markerId)));
    }

    private Uni<Set<Integer>> insertDocuments(RecordKind<?> kind, List<RawBsonDocument> documents) {
        return collections.getRaw(kind.collection()).insertMany(documents, new InsertManyOptions().ordered(false))
                .replaceWith(Set.<Integer>of())
                .onFailure(MongoBulkWriteException.class).recoverWithUni(failure -> {
                    MongoBulkWriteException bulk = (MongoBulkWriteException) failure;
                    Set<Integer> duplicates = new HashSet<>();
                    for (BulkWriteError error : bulk.getWriteErrors()) {
                        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                            return Uni.createFrom().failure(failure);
                        }
                        duplicates.add(error.getIndex());
                    }
                    return Uni.createFrom().item(duplicates);
                });
    }

    /** The ids of stored records by their (source, externalId); keys not found are left out. */
    public <R extends CxEvent> Uni<Map<SourceKey, String>> idsOf(RecordKind<R> kind, Collection<SourceKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // One equality lookup per key, each answered from the unique (source, externalId) index (an $or of many keys
        // is not, on every MongoDB-compatible server).
        return Multi.createFrom().iterable(keys)
                .onItem().transformToUni(key -> collection(kind)
                        .find(Filters.and(Filters.eq(KindDocuments.SOURCE, key.source()),
                                Filters.eq(KindDocuments.EXTERNAL_ID, key.externalId())))
                        .toUni()
                        .map(document -> document == null ? null : Map.entry(key, document.getString("_id"))))
                .merge(16)
                .filter(java.util.Objects::nonNull)
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** A record's identity in its source system. */
    public record SourceKey(String source, String externalId) {
    }

    /**
     * A record's document: {@code _id}, the kind's fields, {@code receivedAt} and the outbox with the record's event.
     * Encoded here, field by field, rather than built as a {@link Document} for the driver to encode: that took a map
     * per record and a codec lookup per value, the largest CPU cost of storing a batch ({@code ./cx bench ingestion}).
     */
    static <R extends CxEvent> RawBsonDocument document(RecordKind<R> kind, R record, Instant receivedAt,
            OutboxEvent event) {
        if (!OutboxDocuments.isRecordEvent(event, record, receivedAt)) {
            throw new IllegalArgumentException("The event " + event.eventId() + " is not the " + kind.name()
                    + " received at " + receivedAt + ": a record's document keeps its event's id and sequence only");
        }
        BasicOutputBuffer buffer = new BasicOutputBuffer(DOCUMENT_BUFFER_SIZE);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            writer.writeString("_id", kind.id().apply(record));
            kind.writeFields().accept(writer, record);
            writer.writeDateTime(RECEIVED_AT, receivedAt.toEpochMilli());
            OutboxDocuments.writeRecordEvent(writer, event);
            writer.writeEndDocument();
        }
        return new RawBsonDocument(buffer.getInternalBuffer(), 0, buffer.getPosition());
    }

    public <R extends CxEvent> Uni<Optional<Received<R>>> findById(RecordKind<R> kind, String id) {
        return findOne(kind, Filters.eq("_id", id));
    }

    public <R extends CxEvent> Uni<Optional<Received<R>>> findBySourceAndExternalId(RecordKind<R> kind,
            String source, String externalId) {
        return findOne(kind, Filters.and(Filters.eq(KindDocuments.SOURCE, source),
                Filters.eq(KindDocuments.EXTERNAL_ID, externalId)));
    }

    private <R extends CxEvent> Uni<Optional<Received<R>>> findOne(RecordKind<R> kind, Bson filter) {
        return collection(kind).find(filter).toUni()
                .map(document -> Optional.ofNullable(document).map(d -> new Received<>(
                        kind.fromDocument().apply(d), KindDocuments.instant(d.getDate(RECEIVED_AT)))));
    }
}
