package io.cxvalue.ingestion.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.ingestion.Received;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

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
        Document document = new Document("_id", kind.id().apply(record));
        kind.toDocument().apply(record).forEach((key, value) -> {
            if (!"_id".equals(key)) {
                document.append(key, value);
            }
        });
        document.append(RECEIVED_AT, Date.from(receivedAt));
        return collection(kind).insertOne(OutboxDocuments.withPending(document, events))
                .replaceWith(true)
                .onFailure(OutboxRepository::isDuplicateKey).recoverWithItem(false);
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
