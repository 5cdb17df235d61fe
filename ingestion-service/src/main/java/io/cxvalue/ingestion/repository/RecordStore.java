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
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stores records of every {@link RecordKind}, each kind in its own collection, unique on (source, externalId), each
 * record together with the events it produces.
 */
@ApplicationScoped
public class RecordStore {

    static final String RECEIVED_AT = "receivedAt";

    private final MongoCollections collections;

    public RecordStore(MongoCollections collections) {
        this.collections = collections;
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
        return collection(kind).insertOne(document(kind, record, receivedAt, events))
                .replaceWith(true)
                .onFailure(OutboxRepository::isDuplicateKey).recoverWithItem(false);
    }

    /**
     * Stores many records, each with its events in its own document, in one unordered bulk write: every record the
     * unique index accepts is stored whatever happens to the others.
     *
     * @param events the events of each record, in the order of {@code records}
     * @return the positions (in {@code records}) refused as duplicates of a stored record or of an earlier one here
     * @throws MongoBulkWriteException (as the failure) when a record failed for another reason than a duplicate
     */
    public <R extends CxEvent> Uni<Set<Integer>> insertMany(RecordKind<R> kind, List<R> records, Instant receivedAt,
            List<OutboxEvent> events) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<Document> documents = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            documents.add(document(kind, records.get(i), receivedAt, List.of(events.get(i))));
        }
        return collection(kind).insertMany(documents, new InsertManyOptions().ordered(false))
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
        Bson filter = Filters.or(keys.stream()
                .map(key -> Filters.and(Filters.eq(KindDocuments.SOURCE, key.source()),
                        Filters.eq(KindDocuments.EXTERNAL_ID, key.externalId())))
                .toList());
        return collection(kind).find(filter, Document.class)
                .collect().asList()
                .map(documents -> documents.stream().collect(Collectors.toMap(
                        document -> new SourceKey(document.getString(KindDocuments.SOURCE),
                                document.getString(KindDocuments.EXTERNAL_ID)),
                        document -> document.getString("_id"), (first, second) -> first)));
    }

    /** A record's identity in its source system. */
    public record SourceKey(String source, String externalId) {
    }

    private static <R extends CxEvent> Document document(RecordKind<R> kind, R record, Instant receivedAt,
            List<OutboxEvent> events) {
        Document document = new Document("_id", kind.id().apply(record));
        kind.toDocument().apply(record).forEach((key, value) -> {
            if (!"_id".equals(key)) {
                document.append(key, value);
            }
        });
        document.append(RECEIVED_AT, Date.from(receivedAt));
        return OutboxDocuments.withPending(document, events);
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
