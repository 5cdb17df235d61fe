package io.cxvalue.ingestion.repository;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;
import io.cxvalue.contracts.events.Identity;
import io.cxvalue.contracts.events.IdentityKind;
import io.cxvalue.ingestion.Customer;
import io.cxvalue.contracts.OutboxEvent;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Customers and the identities that point at them. An identity is its own document keyed by its canonical key, so
 * the unique {@code _id} guarantees that one phone, e-mail, handle or CRM id belongs to one customer even when two
 * instances resolve the same new identity at once. Every change to a customer carries its events in the customer's
 * own document (the outbox), so the change and its events are one atomic write.
 */
@ApplicationScoped
public class CustomerRepository {

    /** A stored customer: when it was created, and the survivor it was merged into, if it was. */
    /** A stored customer: when created, the survivor it was merged into, and whether its personal data was erased. */
    public record StoredCustomer(String id, Instant createdAt, String mergedInto, boolean erased) {
    }

    private final MongoCollections collections;
    private final OutboxRepository outbox;

    public CustomerRepository(MongoCollections collections, OutboxRepository outbox) {
        this.collections = collections;
        this.outbox = outbox;
    }

    /**
     * Leaves the outbox marker of a write that adds events to customers; every such write calls it first, and tags
     * the outbox entries it adds with the marker's id ({@link OutboxDocuments#withPending},
     * {@link OutboxDocuments#appendPending}), so that the relay knows whether the write has landed when it reads the
     * marker.
     */
    private Uni<String> marked(List<String> customerIds, List<OutboxEvent> events, Instant now) {
        return outbox.mark(MongoCollections.CUSTOMERS, customerIds, events.get(0).sequence(), now, false);
    }

    private ReactiveMongoCollection<Document> customers() {
        return collections.get(MongoCollections.CUSTOMERS);
    }

    private ReactiveMongoCollection<Document> identities() {
        return collections.get(MongoCollections.IDENTITIES);
    }

    public Uni<Void> ensureIndexes() {
        return identities().createIndex(Indexes.ascending("customerId"), new IndexOptions().name("by_customer"))
                .replaceWithVoid();
    }

    /** The owner of each known identity key. */
    public Uni<Map<String, String>> ownersOf(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return identities().find(Filters.in("_id", keys)).collect().asList()
                .map(documents -> documents.stream().collect(Collectors.toMap(
                        document -> document.getString("_id"), document -> document.getString("customerId"))));
    }

    public Uni<Map<String, StoredCustomer>> find(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return customers().find(Filters.in("_id", ids)).collect().asList()
                .map(documents -> documents.stream()
                        .map(document -> new StoredCustomer(document.getString("_id"),
                                document.getDate("createdAt").toInstant(), document.getString("mergedInto"),
                                document.get("erasedAt") != null))
                        .collect(Collectors.toMap(StoredCustomer::id, Function.identity())));
    }

    /**
     * Creates the customer with its events.
     *
     * @return false when a customer with that id exists already
     */
    public Uni<Boolean> create(String id, List<Identity> identities, Instant now, List<OutboxEvent> events) {
        Document document = new Document("_id", id)
                .append("identities", identities.stream().map(CustomerRepository::toDocument).toList())
                .append("createdAt", Date.from(now))
                .append("updatedAt", Date.from(now));
        return marked(List.of(id), events, now)
                .chain(markerId -> customers().insertOne(OutboxDocuments.withPending(document, events, markerId))
                        .replaceWith(true)
                        // Nothing written: the marker of the write is dropped rather than left to expire.
                        .onFailure(OutboxRepository::isDuplicateKey).recoverWithUni(() ->
                                outbox.clear(List.of(markerId)).replaceWith(false)));
    }

    /**
     * Creates customers known only by their ids, each with its events, in one unordered bulk write; ids that exist
     * already (created concurrently) are left as they are.
     */
    public Uni<Void> createAll(Map<String, List<OutboxEvent>> eventsById, Instant now) {
        if (eventsById.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return marked(List.copyOf(eventsById.keySet()), eventsById.values().iterator().next(), now)
                .chain(markerId -> customers().insertMany(eventsById.entrySet().stream()
                        .map(entry -> OutboxDocuments.withPending(new Document("_id", entry.getKey())
                                .append("identities", List.of())
                                .append("createdAt", Date.from(now))
                                .append("updatedAt", Date.from(now)), entry.getValue(), markerId))
                        .toList(), new InsertManyOptions().ordered(false)))
                .replaceWithVoid()
                .onFailure(MongoBulkWriteException.class).recoverWithUni(failure -> {
                    boolean onlyExisting = ((MongoBulkWriteException) failure).getWriteErrors().stream()
                            .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode())
                                    == ErrorCategory.DUPLICATE_KEY);
                    return onlyExisting ? Uni.createFrom().voidItem() : Uni.createFrom().failure(failure);
                });
    }

    /**
     * Claims an identity for a customer.
     *
     * @return false when the identity already belongs to a customer (possibly claimed by a concurrent resolution)
     */
    public Uni<Boolean> claim(Identity identity, String customerId, Instant now) {
        Document document = new Document("_id", IdentityNormalizer.key(identity))
                .append("customerId", customerId)
                .append("kind", identity.kind().name())
                .append("value", identity.value())
                .append("linkedAt", Date.from(now));
        if (identity.network() != null) {
            document.append("network", identity.network());
        }
        return identities().insertOne(document)
                .replaceWith(true)
                .onFailure(OutboxRepository::isDuplicateKey).recoverWithItem(false);
    }

    /** Adds identities to a customer's profile together with the events announcing them. */
    public Uni<Void> addIdentities(String customerId, List<Identity> identities, Instant now,
            List<OutboxEvent> events) {
        return marked(List.of(customerId), events, now).chain(markerId -> customers().updateOne(
                Filters.eq("_id", customerId), Updates.combine(
                        Updates.addEachToSet("identities", identities.stream()
                                .map(CustomerRepository::toDocument).toList()),
                        Updates.set("updatedAt", Date.from(now)),
                        OutboxDocuments.appendPending(events, markerId))))
                .replaceWithVoid();
    }

    /**
     * Marks {@code loser} as merged into {@code survivor}, together with the merge event, unless it was merged
     * already. Identities are re-pointed separately ({@link #repointIdentities}); a reader that meets an identity of
     * a merged customer follows {@code mergedInto}, so a crash between the two steps loses nothing.
     *
     * @return true when this call performed the merge
     */
    public Uni<Boolean> markMerged(String loser, String survivor, Instant now, OutboxEvent event) {
        Bson notYetMerged = Filters.and(Filters.eq("_id", loser), Filters.exists("mergedInto", false));
        return marked(List.of(loser), List.of(event), now).chain(markerId -> customers().updateOne(notYetMerged,
                        Updates.combine(
                                Updates.set("mergedInto", survivor),
                                Updates.set("updatedAt", Date.from(now)),
                                OutboxDocuments.appendPending(List.of(event), markerId)))
                        // Merged already: nothing written, so the marker of the write is dropped.
                        .chain(result -> result.getModifiedCount() == 1
                                ? Uni.createFrom().item(true)
                                : outbox.clear(List.of(markerId)).replaceWith(false)));
    }

    /** Points every identity of {@code from} at {@code to}. */
    public Uni<Void> repointIdentities(String from, String to) {
        return identities().updateMany(Filters.eq("customerId", from), Updates.set("customerId", to))
                .replaceWithVoid();
    }

    /** Sets the CRM's profile of a customer together with the event announcing it. */
    public Uni<Void> updateProfile(String customerId, String displayName, Map<String, String> attributes,
            Instant now, List<OutboxEvent> events) {
        return marked(List.of(customerId), events, now).chain(markerId -> customers().updateOne(
                Filters.eq("_id", customerId), Updates.combine(
                        displayName == null ? Updates.unset("displayName") : Updates.set("displayName", displayName),
                        Updates.set("attributes", new Document(attributes)),
                        Updates.set("updatedAt", Date.from(now)),
                        OutboxDocuments.appendPending(events, markerId))))
                .replaceWithVoid();
    }

    /** A customer as stored here. */
    public Uni<Optional<Customer>> customer(String customerId) {
        return customers().find(Filters.eq("_id", customerId)).toUni()
                .map(document -> Optional.ofNullable(document).map(CustomerRepository::toCustomer));
    }

    private static Customer toCustomer(Document document) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Document stored = document.get("attributes", Document.class);
        if (stored != null) {
            stored.forEach((key, value) -> attributes.put(key, String.valueOf(value)));
        }
        List<Identity> identities = document.getList("identities", Document.class, List.of()).stream()
                .map(identity -> new Identity(IdentityKind.valueOf(identity.getString("kind")),
                        identity.getString("value"), identity.getString("network")))
                .toList();
        return new Customer(document.getString("_id"), document.getString("displayName"), attributes, identities,
                instant(document.getDate("createdAt")), instant(document.getDate("updatedAt")),
                document.getString("mergedInto"), instant(document.getDate("erasedAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** The identities currently pointing at a customer. */
    public Uni<List<Identity>> identitiesOf(String customerId) {
        return identities().find(Filters.eq("customerId", customerId)).collect().asList()
                .map(documents -> documents.stream()
                        .map(document -> new Identity(IdentityKind.valueOf(document.getString("kind")),
                                document.getString("value"), document.getString("network")))
                        .toList());
    }

    private static Document toDocument(Identity identity) {
        Document document = new Document("kind", identity.kind().name()).append("value", identity.value());
        if (identity.network() != null) {
            document.append("network", identity.network());
        }
        return document;
    }
}
