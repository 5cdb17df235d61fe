package io.cxvalue.reporting.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.cxvalue.reporting.contact.ContactDay;
import io.cxvalue.reporting.contact.ContactFact;
import io.cxvalue.reporting.contact.ContactRecord;
import io.cxvalue.reporting.contact.Counted;
import io.cxvalue.reporting.contact.CustomerHistory;
import io.cxvalue.reporting.kpi.IssueChains;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static io.cxvalue.reporting.repository.ContactDocuments.ELEMENT_ID;
import static io.cxvalue.reporting.repository.ContactDocuments.ID;

/**
 * The contacts and what arrived about them, in MongoDB, written without transactions: every write is a single-document
 * upsert that sets fields or adds to a set an element made from its event alone, so applying a batch again changes
 * nothing, and the order in which an interaction and the answers about it arrive does not matter. Reads and writes
 * select by {@code _id} only, which every MongoDB wire-protocol server serves from its primary index.
 * <ul>
 *   <li>{@code contacts}: one document per interaction ({@link ContactDocuments});</li>
 *   <li>{@code contact_days}: per team and UTC day the ids of its contacts;</li>
 *   <li>{@code customers}: per customer the handled contacts its issues are chained from;</li>
 *   <li>{@code sale_links}: per purchase the interaction that made it and the cancellations that reverse it;</li>
 *   <li>{@code teams}: every team that has had a contact.</li>
 * </ul>
 */
@ApplicationScoped
public class ContactRepository {

    static final String CUSTOMER_INDEX = "customerId";
    static final String DAYS = "contact_days";
    static final String CUSTOMERS = "customers";
    static final String SALE_LINKS = "sale_links";
    static final String TEAMS = "teams";
    static final String MEMBERS = "contacts";
    static final String MERGED_INTO = "mergedInto";
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final ReactiveMongoCollection<Document> contacts;
    private final ReactiveMongoCollection<Document> days;
    private final ReactiveMongoCollection<Document> customers;
    private final ReactiveMongoCollection<Document> saleLinks;
    private final ReactiveMongoCollection<Document> teams;

    ContactRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        var db = mongo.getDatabase(database);
        this.contacts = db.getCollection(ContactDocuments.COLLECTION);
        this.days = db.getCollection(DAYS);
        this.customers = db.getCollection(CUSTOMERS);
        this.saleLinks = db.getCollection(SALE_LINKS);
        this.teams = db.getCollection(TEAMS);
    }

    /** One thing that arrived about an interaction, to push into one of its arrays once. */
    public record Attachment(String interactionId, Document element) {

        public static Attachment of(String interactionId, ContactRecord.Survey survey) {
            return new Attachment(interactionId, ContactDocuments.survey(survey));
        }

        public static Attachment of(String interactionId, ContactRecord.Evaluation evaluation) {
            return new Attachment(interactionId, ContactDocuments.evaluation(evaluation));
        }

        public static Attachment of(String interactionId, ContactRecord.Cancellation cancellation) {
            return new Attachment(interactionId, ContactDocuments.cancellation(cancellation));
        }
    }

    /** The kinds of attachment, each an array of the contact document. */
    public enum AttachmentKind {
        SURVEY(ContactDocuments.SURVEYS), EVALUATION(ContactDocuments.EVALUATIONS),
        CANCELLATION(ContactDocuments.CANCELLATIONS);

        final String field;

        AttachmentKind(String field) {
            this.field = field;
        }
    }

    /** A team-day's contact ids. */
    public record DayMembers(ContactDay day, List<String> interactionIds) {
    }

    /** An arrived contact with all that is known about it, and what of it the rollups count ({@link Counted}). */
    public record CountedContact(ContactRecord contact, List<Counted> counted) {
    }

    /** A purchase and what is known of it: the interaction that made it (null if not yet known), cancellations. */
    public record SaleLink(String purchaseId, String interactionId, List<ContactRecord.Cancellation> cancellations) {
    }

    /** Stores the interactions' fields (a repeat sets the same values) and lists each under its team-day. */
    public Uni<Void> storeContacts(Collection<ContactFact> facts, Instant recordedAt) {
        if (facts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        Map<ContactDay, List<String>> byDay = new TreeMap<>();
        for (ContactFact fact : facts) {
            // One update document rather than a combination of per-field updates, which the driver encodes field by
            // field through its codec registry (a measurable share of the service's CPU on a bulk of contacts).
            writes.add(new UpdateOneModel<>(Filters.eq(ID, fact.interactionId()),
                    new Document("$set", ContactDocuments.fields(fact)).append("$setOnInsert",
                            new Document(ContactDocuments.RECORDED_AT, Date.from(recordedAt))),
                    UPSERT));
            byDay.computeIfAbsent(ContactDay.of(fact.teamId(), fact.startedAt()), d -> new ArrayList<>())
                    .add(fact.interactionId());
        }
        List<WriteModel<Document>> dayWrites = new ArrayList<>();
        byDay.forEach((day, ids) -> dayWrites.add(new UpdateOneModel<>(Filters.eq(ID, day.id()),
                Updates.addEachToSet(MEMBERS, ids), UPSERT)));
        List<WriteModel<Document>> teamWrites = new ArrayList<>();
        byDay.keySet().stream().map(ContactDay::teamId).distinct().forEach(team -> teamWrites.add(
                new UpdateOneModel<>(Filters.eq(ID, team), Updates.setOnInsert("since", Date.from(recordedAt)),
                        UPSERT)));
        return bulk(contacts, writes).chain(() -> bulk(days, dayWrites)).chain(() -> bulk(teams, teamWrites));
    }

    /** Every team that has had a contact ({@link ContactDay#NO_TEAM} for contacts without one). */
    public Uni<List<String>> teams() {
        return teams.find(Document.class).map(d -> d.getString(ID)).collect().asList();
    }

    /**
     * Adds each attachment to its interaction's array unless the same element is there already ({@code $addToSet}:
     * the element is built from its event alone, so a redelivery adds nothing). Upsert: what arrives before its
     * interaction waits in a document the interaction completes. Every write filters on {@code _id} alone, so any
     * MongoDB wire-protocol server finds the document by its primary index.
     */
    public Uni<Void> attach(AttachmentKind kind, Collection<Attachment> attachments) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Attachment a : attachments) {
            writes.add(new UpdateOneModel<>(Filters.eq(ID, a.interactionId()),
                    Updates.addToSet(kind.field, a.element()), UPSERT));
        }
        return bulk(contacts, writes);
    }

    /** The team-day of each interaction that has arrived, by interaction id. */
    public Uni<Map<String, ContactDay>> daysOf(Collection<String> interactionIds) {
        if (interactionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return contacts.find(Filters.in(ID, interactionIds), Document.class)
                .collect().asList()
                .map(found -> {
                    Map<String, ContactDay> out = new HashMap<>();
                    for (Document d : found) {
                        if (ContactDocuments.isComplete(d)) {
                            out.put(d.getString(ID), ContactDay.of(d.getString(ContactDocuments.TEAM_ID),
                                    d.getDate(ContactDocuments.STARTED_AT).toInstant()));
                        }
                    }
                    return out;
                });
    }

    /** The contact ids of each team-day (a day without contacts is left out). */
    public Uni<Map<ContactDay, DayMembers>> members(Collection<ContactDay> wanted) {
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return ByIds.find(days, wanted.stream().map(ContactDay::id).toList())
                .collect().asList()
                .map(found -> {
                    Map<ContactDay, DayMembers> out = new TreeMap<>();
                    for (Document d : found) {
                        ContactDay day = ContactDay.parse(d.getString(ID));
                        out.put(day, new DayMembers(day, d.getList(MEMBERS, String.class, List.of())));
                    }
                    return out;
                });
    }

    /** The arrived interactions among {@code interactionIds} with all that is known about them. */
    public Uni<List<ContactRecord>> find(Collection<String> interactionIds) {
        return findComplete(interactionIds, ids -> ByIds.find(contacts, ids), ContactDocuments::toRecord);
    }

    /** The arrived interactions among {@code interactionIds}, each with what of it the rollups count. */
    public Uni<List<CountedContact>> findCounted(Collection<String> interactionIds) {
        // The cell updates' read: one request, as the consumer's other reads (see ByIds).
        return findComplete(interactionIds, ids -> contacts.find(Filters.in(ID, ids), Document.class),
                d -> new CountedContact(ContactDocuments.toRecord(d), ContactDocuments.counted(d)));
    }

    private static <T> Uni<List<T>> findComplete(Collection<String> interactionIds,
            Function<Collection<String>, Multi<Document>> read, Function<Document, T> decode) {
        if (interactionIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return read.apply(interactionIds)
                .filter(ContactDocuments::isComplete)
                .map(decode)
                .collect().asList();
    }

    /** Records, per interaction, what of it the rollups count (the history still asked for, newest last). */
    public Uni<Void> recordCounted(Map<String, List<Counted>> byInteraction) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        byInteraction.forEach((id, history) -> writes.add(new UpdateOneModel<>(Filters.eq(ID, id),
                Updates.set(ContactDocuments.COUNTED, history.stream().map(ContactDocuments::counted).toList()))));
        return bulk(contacts, writes);
    }

    /** Sets each interaction's role in its issue. */
    public Uni<Void> setIssueRoles(Map<String, IssueChains.Role> roles) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        roles.forEach((id, role) -> writes.add(new UpdateOneModel<>(Filters.eq(ID, id),
                Updates.set(ContactDocuments.ISSUE, ContactDocuments.issue(role)))));
        return bulk(contacts, writes);
    }

    /** The customers' histories (a customer never seen is left out). */
    public Uni<Map<String, CustomerHistory>> customers(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return customers.find(Filters.in(ID, customerIds), Document.class)
                .map(ContactRepository::history)
                .collect().asMap(CustomerHistory::customerId);
    }

    /** Adds handled contacts to customers' histories, each once (an entry is made from its interaction alone). */
    public Uni<Void> addToHistories(Map<String, List<CustomerHistory.Entry>> byCustomer) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        byCustomer.forEach((customerId, entries) -> {
            if (!entries.isEmpty()) {
                writes.add(new UpdateOneModel<>(Filters.eq(ID, customerId),
                        Updates.addEachToSet(MEMBERS, entries.stream().map(ContactRepository::entry).toList()),
                        UPSERT));
            }
        });
        return bulk(customers, writes);
    }

    /** Records that the {@code merged} customers are {@code survivor} now (their histories were added to it). */
    public Uni<Void> markMerged(Collection<String> merged, String survivor) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (String id : merged) {
            writes.add(new UpdateOneModel<>(Filters.eq(ID, id),
                    Updates.combine(Updates.set(MERGED_INTO, survivor), Updates.set(MEMBERS, List.of())), UPSERT));
        }
        return bulk(customers, writes);
    }

    /** Records which interaction made each purchase. */
    public Uni<Void> linkSales(Map<String, String> interactionByPurchase) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        interactionByPurchase.forEach((purchase, interaction) -> writes.add(new UpdateOneModel<>(
                Filters.eq(ID, purchase), Updates.set("interactionId", interaction), UPSERT)));
        return bulk(saleLinks, writes);
    }

    /** Records cancellations by the purchase they reverse, each once. */
    public Uni<Void> addCancellations(Map<String, List<ContactRecord.Cancellation>> byPurchase) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        byPurchase.forEach((purchase, cancellations) -> writes.add(new UpdateOneModel<>(Filters.eq(ID, purchase),
                Updates.addEachToSet("cancellations",
                        cancellations.stream().map(ContactDocuments::cancellation).toList()), UPSERT)));
        return bulk(saleLinks, writes);
    }

    public Uni<List<SaleLink>> saleLinks(Collection<String> purchaseIds) {
        if (purchaseIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return saleLinks.find(Filters.in(ID, purchaseIds), Document.class)
                .map(d -> new SaleLink(d.getString(ID), d.getString("interactionId"),
                        d.getList("cancellations", Document.class, List.of()).stream()
                                .map(c -> new ContactRecord.Cancellation(c.getString(ELEMENT_ID),
                                        c.getDate("occurredAt").toInstant(), ((Number) c.get("amount")).doubleValue(),
                                        c.getString("currency")))
                                .toList()))
                .collect().asList();
    }

    /**
     * A contact of an erased customer, with what locates the terms of its texts: its notes and transcript (the
     * interaction id) and its surveys' comments (their response ids), in its team's month.
     */
    public record ErasedContact(String interactionId, String teamId, Instant startedAt, List<String> responseIds) {
    }

    /**
     * Files every contact of {@code customerId} under {@code pseudonym} instead, and its history with them, and drops
     * the terms of its survey comments. Answers the contacts, so the terms kept for the voice of the customer can be
     * dropped too. Idempotent: a repeat finds nothing of the customer left.
     */
    public Uni<List<ErasedContact>> pseudonymise(String customerId, String pseudonym) {
        Bson ofCustomer = Filters.eq(ContactDocuments.CUSTOMER_ID, customerId);
        return contacts.find(ofCustomer, Document.class)
                .map(d -> new ErasedContact(d.getString(ID), d.getString(ContactDocuments.TEAM_ID),
                        d.getDate(ContactDocuments.STARTED_AT) == null ? null
                                : d.getDate(ContactDocuments.STARTED_AT).toInstant(),
                        d.getList(ContactDocuments.SURVEYS, Document.class, List.of()).stream()
                                .map(survey -> survey.getString(ELEMENT_ID)).toList()))
                .collect().asList()
                // $[] needs the array: only the contacts with surveys
                .call(() -> contacts.updateMany(Filters.and(ofCustomer, Filters.exists(ContactDocuments.SURVEYS)),
                        Updates.combine(
                                Updates.unset(ContactDocuments.SURVEYS + ".$[]." + ContactDocuments.COMMENT_KEYS),
                                Updates.unset(ContactDocuments.SURVEYS + ".$[]." + ContactDocuments.COMMENT_LABELS))))
                .call(() -> contacts.updateMany(ofCustomer, Updates.set(ContactDocuments.CUSTOMER_ID, pseudonym)))
                .call(() -> customers.findOneAndUpdate(Filters.eq(ID, customerId),
                                Updates.set(MEMBERS, List.of()),
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE))
                        .chain(before -> {
                            if (before == null) {
                                return Uni.createFrom().voidItem();
                            }
                            Map<String, List<CustomerHistory.Entry>> moved = Map.of(pseudonym,
                                    history(before).contacts());
                            return addToHistories(moved).chain(() -> customers.deleteOne(Filters.eq(ID, customerId)))
                                    .replaceWithVoid();
                        }));
    }

    /**
     * Creates the index erasure needs on a real MongoDB (all contacts of one customer); every other read is by
     * {@code _id}. Creating an index that exists with the same definition is a no-op.
     */
    public Uni<Void> createIndexes() {
        return contacts.createIndex(Indexes.ascending(ContactDocuments.CUSTOMER_ID),
                new IndexOptions().name(CUSTOMER_INDEX)).replaceWithVoid();
    }

    private static Document entry(CustomerHistory.Entry entry) {
        IssueChains.Contact c = entry.contact();
        Document d = new Document("i", c.interactionId())
                .append("s", Date.from(c.startedAt()))
                .append("e", Date.from(c.endedAt()))
                .append("c", c.channel())
                .append("t", c.transfers())
                .append("team", entry.day().teamId());
        ContactDocuments.putIfPresent(d, "r", c.contactReason());
        ContactDocuments.putIfPresent(d, "v", c.resolved());
        return d;
    }

    private static CustomerHistory history(Document d) {
        List<CustomerHistory.Entry> entries = new ArrayList<>();
        for (Document e : d.getList(MEMBERS, Document.class, List.of())) {
            Instant start = e.getDate("s").toInstant();
            entries.add(new CustomerHistory.Entry(
                    new IssueChains.Contact(e.getString("i"), start, e.getDate("e").toInstant(), e.getString("r"),
                            e.getString("c"), e.getInteger("t", 0), e.getBoolean("v")),
                    ContactDay.of(e.getString("team"), start)));
        }
        return new CustomerHistory(d.getString(ID), d.getString(MERGED_INTO), entries);
    }

    /**
     * One unordered bulk write; duplicate-key errors are the expected outcome of a guarded upsert whose element is
     * there already, and are not failures.
     */
    static Uni<Void> bulk(ReactiveMongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return collection.bulkWrite(writes, UNORDERED)
                .onFailure(ContactRepository::onlyDuplicateKeys).recoverWithNull()
                .replaceWithVoid();
    }

    private static boolean onlyDuplicateKeys(Throwable failure) {
        return failure instanceof MongoBulkWriteException bulk
                && bulk.getWriteConcernError() == null
                && bulk.getWriteErrors().stream().allMatch(e ->
                        ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }

    /**
     * A unique index refused the insert. The only unique index of the collections is {@code _id}: a duplicate key
     * means the document is stored.
     */
    static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException write
                && ErrorCategory.fromErrorCode(write.getError().getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
