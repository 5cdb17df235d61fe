package io.cxvalue.reporting.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.reporting.Erasure;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.cxvalue.reporting.repository.ErasureDocuments.COMPLETED_AT;
import static io.cxvalue.reporting.repository.ErasureDocuments.CUSTOMER_ID;
import static io.cxvalue.reporting.repository.ErasureDocuments.ID;
import static io.cxvalue.reporting.repository.ErasureDocuments.OUTBOX_EVENT_ID;
import static io.cxvalue.reporting.repository.ErasureDocuments.PENDING;
import static io.cxvalue.reporting.repository.ErasureDocuments.PSEUDONYM;
import static io.cxvalue.reporting.repository.ErasureDocuments.PUBLISHED_AT;
import static io.cxvalue.reporting.repository.ErasureDocuments.SEQUENCE;

/**
 * The erasures reporting applied, one document per erasure id, each carrying its ErasureCompleted event as an
 * outbox entry until the relay has published it.
 */
@ApplicationScoped
public class ErasureRepository {

    /** Serves the erased-customer lookup made for every interaction event. */
    static final String CUSTOMER_INDEX = "customerId_completedAt";
    /** Serves the relay: only documents with an unpublished event are in it. */
    static final String PENDING_INDEX = "outbox_pending";

    private final ReactiveMongoCollection<Document> erasures;

    ErasureRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.erasures = mongo.getDatabase(database).getCollection(ErasureDocuments.COLLECTION);
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
     * The pseudonym of the customer's first erasure, or empty if the customer was never erased. The first one, so
     * that every erasure of one customer (a repeated request, a late fact) files the facts under one pseudonym.
     */
    public Uni<Optional<String>> pseudonymOf(String customerId) {
        return erasures.find(new FindOptions()
                        .filter(Filters.eq(CUSTOMER_ID, customerId))
                        .sort(Sorts.ascending(COMPLETED_AT, ID))
                        .projection(Projections.include(PSEUDONYM))
                        .limit(1))
                .collect().first()
                .map(document -> Optional.ofNullable(document).map(d -> d.getString(PSEUDONYM)));
    }

    /** {@link #pseudonymOf} for several customers at once: the erased ones among them, with their pseudonyms. */
    public Uni<Map<String, String>> pseudonymsOf(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return erasures.find(new FindOptions()
                        .filter(Filters.in(CUSTOMER_ID, customerIds))
                        .sort(Sorts.ascending(COMPLETED_AT, ID))
                        .projection(Projections.include(CUSTOMER_ID, PSEUDONYM)))
                .collect().asList()
                .map(found -> {
                    Map<String, String> first = new HashMap<>();
                    found.forEach(d -> first.putIfAbsent(d.getString(CUSTOMER_ID), d.getString(PSEUDONYM)));
                    return first;
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
     * Records that the events of {@code published} reached the broker. Matching the event id as well as the erasure
     * id settles exactly the events that were sent.
     */
    public Uni<Void> markPublished(List<PendingEvent> published, Instant publishedAt) {
        if (published.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return erasures.updateMany(
                        Filters.and(
                                Filters.in(ID, published.stream().map(PendingEvent::erasureId).toList()),
                                Filters.in(OUTBOX_EVENT_ID, published.stream().map(p -> p.event().eventId()).toList())),
                        Updates.combine(Updates.unset(PENDING), Updates.set(PUBLISHED_AT, Date.from(publishedAt))))
                .replaceWithVoid();
    }

    /** Creates the lookup and relay indexes; creating an index that exists with the same definition is a no-op. */
    public Uni<Void> createIndexes() {
        return erasures.createIndex(Indexes.ascending(CUSTOMER_ID, COMPLETED_AT),
                        new IndexOptions().name(CUSTOMER_INDEX))
                .chain(() -> erasures.createIndex(Indexes.ascending(SEQUENCE),
                        new IndexOptions().name(PENDING_INDEX).partialFilterExpression(Filters.eq(PENDING, true))))
                .replaceWithVoid();
    }
}
