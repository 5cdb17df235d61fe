package io.cxvalue.reporting.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.reporting.Erasure;
import io.cxvalue.reporting.config.ReportingConfig;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.cxvalue.reporting.repository.ErasureDocuments.COMPLETED_AT;
import static io.cxvalue.reporting.repository.ErasureDocuments.LEGACY_CUSTOMER_ID;
import static io.cxvalue.reporting.repository.ErasureDocuments.ID;
import static io.cxvalue.reporting.repository.ErasureDocuments.OUTBOX;
import static io.cxvalue.reporting.repository.ErasureDocuments.OUTBOX_EVENT_ID;
import static io.cxvalue.reporting.repository.ErasureDocuments.PENDING;
import static io.cxvalue.reporting.repository.ErasureDocuments.PSEUDONYM;
import static io.cxvalue.reporting.repository.ErasureDocuments.PUBLISHED_AT;
import static io.cxvalue.reporting.repository.ErasureDocuments.SEQUENCE;

/**
 * The erasures reporting applied, one document per erasure id, each carrying its ErasureCompleted event as an
 * outbox entry until the relay has published it; and the erased customers, each under a keyed hash of the customer
 * id with the pseudonym their facts carry (see {@link Erasure} for why the two are kept apart).
 */
@ApplicationScoped
public class ErasureRepository {

    /** Serves the relay: only documents with an unpublished event are in it. */
    static final String PENDING_INDEX = "outbox_pending";

    private final ReactiveMongoCollection<Document> erasures;
    private final ReactiveMongoCollection<Document> erasedCustomers;
    private final ErasedCustomerKeys keys;

    ErasureRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            ReportingConfig config) {
        this.erasures = mongo.getDatabase(database).getCollection(ErasureDocuments.COLLECTION);
        this.erasedCustomers = mongo.getDatabase(database).getCollection(ErasureDocuments.ERASED_CUSTOMERS);
        this.keys = new ErasedCustomerKeys(config.erasedCustomers().key());
    }

    /** An erasure document whose event is not published yet. */
    public record PendingEvent(String erasureId, OutboxEvent event) {
    }

    /**
     * Stores {@code erasure} with its pending event unless an erasure with that id is already stored.
     *
     * @return true when this call stored it, false when it was already there (nothing changed then)
     */
    public Uni<Boolean> insertIfAbsent(Erasure erasure) {
        return erasures.insertOne(ErasureDocuments.toDocument(erasure))
                .replaceWith(Boolean.TRUE)
                .onFailure(ContactRepository::isDuplicateKey).recoverWithItem(Boolean.FALSE);
    }

    /**
     * Records {@code customerId} as erased and answers its pseudonym: a new one the first time, the first one ever
     * after, so every erasure of one customer (a repeated request, a redelivery, a late fact) files the facts under
     * one pseudonym.
     */
    public Uni<String> erasedCustomer(String customerId) {
        return erasedCustomers.findOneAndUpdate(Filters.eq(ID, keys.of(customerId)),
                        Updates.setOnInsert(PSEUDONYM, Erasure.newPseudonym()),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                .map(document -> document.getString(PSEUDONYM));
    }

    /** The erased customers among {@code customerIds}, with their pseudonyms. */
    public Uni<Map<String, String>> pseudonymsOf(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<String, String> byKey = new HashMap<>();
        customerIds.forEach(id -> byKey.put(keys.of(id), id));
        return ByIds.find(erasedCustomers, byKey.keySet())
                .collect().asList()
                .map(found -> {
                    Map<String, String> pseudonyms = new HashMap<>();
                    found.forEach(d -> pseudonyms.put(byKey.get(d.getString(ID)), d.getString(PSEUDONYM)));
                    return pseudonyms;
                });
    }

    /** Up to {@code limit} documents with an unpublished event, oldest event first. */
    public Uni<List<PendingEvent>> findPending(int limit) {
        return erasures.find(new FindOptions()
                        .filter(Filters.eq(PENDING, true))
                        .sort(Sorts.ascending(SEQUENCE))
                        .limit(limit))
                .map(document -> new PendingEvent(document.getString(ID), ErasureDocuments.outboxEvent(document)))
                .collect().asList();
    }

    /**
     * Records that the events of {@code published} reached the broker, and drops them: the confirmation names the
     * customer. Matching the event id as well as the erasure id settles exactly the events that were sent.
     */
    public Uni<Void> markPublished(List<PendingEvent> published, Instant publishedAt) {
        if (published.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return erasures.updateMany(
                        Filters.and(
                                Filters.in(ID, published.stream().map(PendingEvent::erasureId).toList()),
                                Filters.in(OUTBOX_EVENT_ID, published.stream().map(p -> p.event().eventId()).toList())),
                        Updates.combine(Updates.unset(PENDING), Updates.unset(OUTBOX),
                                Updates.set(PUBLISHED_AT, Date.from(publishedAt))))
                .replaceWithVoid();
    }

    /** Creates the relay's index; creating an index that exists with the same definition is a no-op. */
    public Uni<Void> createIndexes() {
        return erasures.createIndex(Indexes.ascending(SEQUENCE),
                        new IndexOptions().name(PENDING_INDEX).partialFilterExpression(Filters.eq(PENDING, true)))
                .replaceWithVoid();
    }

    /**
     * Moves what earlier versions kept with each erasure (the customer id and its pseudonym, and a published
     * confirmation) to the keyed erased-customer record, and drops it from the erasure. Run at start; a no-op once
     * done.
     */
    public Uni<Void> forgetLegacyCustomerIds() {
        return erasures.find(Filters.exists(LEGACY_CUSTOMER_ID)).collect().asList().chain(legacy -> {
            Map<String, String> pseudonymByKey = new LinkedHashMap<>();
            // The first erasure's pseudonym is the one the customer's facts carry.
            legacy.stream().sorted(Comparator.comparing(d -> d.getDate(COMPLETED_AT)))
                    .forEach(d -> pseudonymByKey.putIfAbsent(keys.of(d.getString(LEGACY_CUSTOMER_ID)),
                            d.getString(PSEUDONYM)));
            Uni<Void> moves = Uni.createFrom().voidItem();
            for (Map.Entry<String, String> moved : pseudonymByKey.entrySet()) {
                moves = moves.chain(() -> erasedCustomers.updateOne(Filters.eq(ID, moved.getKey()),
                        Updates.setOnInsert(PSEUDONYM, moved.getValue()),
                        new UpdateOptions().upsert(true)).replaceWithVoid());
            }
            return moves.chain(() -> erasures.updateMany(Filters.exists(LEGACY_CUSTOMER_ID),
                            Updates.combine(Updates.unset(LEGACY_CUSTOMER_ID), Updates.unset(PSEUDONYM))))
                    .chain(() -> erasures.updateMany(
                            Filters.and(Filters.exists(PENDING, false), Filters.exists(OUTBOX)),
                            Updates.unset(OUTBOX)))
                    .replaceWithVoid();
        });
    }
}
