package io.cxvalue.ingestion.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.cxvalue.contracts.OutboxEvent;
import io.quarkus.mongodb.FindOptions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Reads and settles the outbox entries embedded in store documents, and holds the relay lease that keeps one
 * publisher at a time (so one customer's events leave in order even with several replicas).
 */
@ApplicationScoped
public class OutboxRepository {

    /** The collections whose documents carry outbox entries. */
    public static final List<String> SOURCES = List.of(MongoCollections.INTERACTIONS, MongoCollections.CUSTOMERS,
            MongoCollections.FEEDBACK, MongoCollections.QUALITY_EVALUATIONS, MongoCollections.TRANSACTIONS,
            MongoCollections.ERASURES);

    private static final String LEASE_ID = "outbox-relay";

    private final MongoCollections collections;

    public OutboxRepository(MongoCollections collections) {
        this.collections = collections;
    }

    /** A document with unpublished events. */
    public record PendingDocument(String collection, Object id, long sequence, List<OutboxEvent> events) {
    }

    public Uni<Void> ensureIndexes() {
        return Uni.join().all(SOURCES.stream()
                        .map(name -> collections.get(name)
                                .createIndex(Indexes.ascending(OutboxDocuments.SEQUENCE),
                                        new IndexOptions().name("outbox_pending")
                                                .partialFilterExpression(Filters.eq(OutboxDocuments.PENDING, true))))
                        .toList())
                .andFailFast()
                .replaceWithVoid();
    }

    /** Up to {@code limit} documents with unpublished events from one collection, oldest first. */
    public Uni<List<PendingDocument>> findPending(String collection, int limit) {
        return collections.get(collection)
                .find(new FindOptions()
                        .filter(Filters.eq(OutboxDocuments.PENDING, true))
                        .sort(Sorts.ascending(OutboxDocuments.SEQUENCE))
                        .limit(limit))
                .map(document -> new PendingDocument(collection, document.get("_id"),
                        document.getLong(OutboxDocuments.SEQUENCE),
                        document.getList(OutboxDocuments.EVENTS, Document.class).stream()
                                .map(OutboxDocuments::fromDocument)
                                .toList()))
                .collect().asList();
    }

    /**
     * Records that the events read in {@code published} reached the broker: removes exactly those events from their
     * documents, then clears the pending flag of documents left without events. An event appended to a document
     * after the relay read it stays, and so does the flag, so it goes out in a later round.
     */
    public Uni<Void> markPublished(String collection, List<PendingDocument> published, Instant publishedAt) {
        if (published.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> ids = published.stream().map(PendingDocument::id).toList();
        List<String> eventIds = published.stream()
                .flatMap(document -> document.events().stream())
                .map(OutboxEvent::eventId)
                .toList();
        return collections.get(collection)
                .updateMany(Filters.in("_id", ids), Updates.combine(
                        Updates.pullByFilter(new Document(OutboxDocuments.EVENTS,
                                new Document("eventId", new Document("$in", eventIds)))),
                        Updates.set(OutboxDocuments.PUBLISHED_AT, Date.from(publishedAt))))
                .chain(() -> collections.get(collection).updateMany(
                        Filters.and(Filters.in("_id", ids), Filters.size(OutboxDocuments.EVENTS, 0)),
                        Updates.unset(OutboxDocuments.PENDING)))
                .replaceWithVoid();
    }

    /** The number of documents still waiting for publication. */
    public Uni<Long> countPending() {
        return Uni.join().all(SOURCES.stream()
                        .map(name -> collections.get(name).countDocuments(Filters.eq(OutboxDocuments.PENDING, true)))
                        .toList())
                .andFailFast()
                .map(counts -> counts.stream().mapToLong(Long::longValue).sum());
    }

    /**
     * Takes or renews the relay lease for {@code holder}. True when {@code holder} holds it until {@code now + ttl};
     * false when another live instance holds it.
     */
    public Uni<Boolean> acquireLease(String holder, Instant now, Duration ttl) {
        return collections.get(MongoCollections.OUTBOX_LEASES)
                .findOneAndUpdate(
                        Filters.and(Filters.eq("_id", LEASE_ID),
                                Filters.or(Filters.eq("holder", holder), Filters.lt("expiresAt", Date.from(now)))),
                        Updates.combine(Updates.set("holder", holder),
                                Updates.set("expiresAt", Date.from(now.plus(ttl)))),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                .map(lease -> lease != null && holder.equals(lease.getString("holder")))
                // The upsert collides with the live lease of another holder: not ours.
                .onFailure(OutboxRepository::isDuplicateKey).recoverWithItem(false);
    }

    /** A unique index refused the write (code 11000), whichever command reported it. */
    static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoException mongo
                && ErrorCategory.fromErrorCode(mongo.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
