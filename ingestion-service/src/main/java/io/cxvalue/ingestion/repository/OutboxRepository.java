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
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The outbox: events live in the {@code outbox} array of the store document whose change produced them (one atomic
 * write), and every write that adds events first leaves a <em>marker</em> naming the documents it writes (one
 * marker for a whole bulk write) in the small {@code outbox_markers} collection. The relay reads markers, not the
 * (large) store collections, so a round costs in proportion to what is pending, not to what is stored, and needs no
 * index beyond {@code _id} (which matters on MongoDB-compatible servers that use no secondary index for such queries).
 * <p>
 * A marker is written <em>before</em> its document: a crash in between leaves a marker for a document that does not
 * exist (the relay drops it), never a document with events and no marker. Each write has its own marker, so a relay
 * that settles the markers it read never drops the marker of a write that came after it looked.
 * <p>
 * A relay round may also look <em>between</em> the marker and its write: the marker is there, the events are not (yet).
 * Settling that marker would leave the events, which land a moment later, with no marker at all: never published.
 * So the writers of documents whose markers are due at once (customers, erasures: {@link #TAGGED}) tag each event
 * entry with the id of its marker ({@link #entries}), and the relay settles such a marker only once it saw the
 * entries of the marker in every document the marker names, narrowing it to the documents still missing them
 * meanwhile ({@link #narrow}). A write that never lands (a crash, a create that lost to an existing document, a
 * conditional update that matched nothing) leaves a marker the relay drops once it is older than any write can take.
 * Records are published by their writer at once (the fast path), and their markers left to the relay only after a
 * grace period: they are not tagged. A document whose
 * events were published stays without a marker: documents written once (records) may keep their published events,
 * documents written again (customers) have them removed, so that only new events are published with the next marker.
 * <p>
 * Also holds the relay lease that keeps one relay at a time (so one customer's events leave in order with several
 * replicas).
 */
@ApplicationScoped
public class OutboxRepository {

    private static final String LEASE_ID = "outbox-relay";
    /** The field of an outbox entry that names the marker of the write that added it. */
    static final String ENTRY_MARKER = "marker";
    /** Collections whose writers tag their outbox entries with their marker ({@link #entries}). */
    static final Set<String> TAGGED = Set.of(MongoCollections.CUSTOMERS, MongoCollections.ERASURES);

    private final MongoCollections collections;

    public OutboxRepository(MongoCollections collections) {
        this.collections = collections;
    }

    /**
     * A write whose events may be unpublished: the documents it names and when it was made.
     *
     * @param tagged whether the write tags its outbox entries with this marker's id, so that the relay can tell
     *               whether the write has landed in each document
     */
    public record Marker(String id, String collection, List<Object> documentIds, long sequence, Instant since,
                         boolean fastPath, boolean tagged) {
    }

    /**
     * A document's unpublished events.
     *
     * @param markers the ids of the markers its (tagged) entries name: the writes that have landed in it
     */
    public record PendingDocument(String collection, Object id, List<OutboxEvent> events, Set<String> markers) {
    }

    public Uni<Void> ensureIndexes() {
        return markers().createIndex(Indexes.ascending("sequence"), new IndexOptions().name("by_sequence"))
                .replaceWithVoid();
    }

    /**
     * Marks a write about to add events to documents of {@code collection}; to be called before the write.
     *
     * @param fastPath whether the writer publishes the events itself right after the write (the relay then leaves
     *                 the marker alone for a grace period and only takes over if the writer did not finish)
     * @return the id of the marker, for the writer to clear once it published, and to tag its outbox entries with
     *         ({@link #entries}) when {@code collection} is one of {@link #TAGGED}
     */
    public Uni<String> mark(String collection, List<?> documentIds, long sequence, Instant now, boolean fastPath) {
        String id = UUID.randomUUID().toString();
        return markers().insertOne(new Document("_id", id)
                        .append("collection", collection)
                        .append("documentIds", documentIds)
                        .append("sequence", sequence)
                        .append("since", Date.from(now))
                        .append("fastPath", fastPath)
                        .append("tagged", TAGGED.contains(collection)))
                .replaceWith(id);
    }


    /** Markers the relay should settle now: all but fast-path ones younger than {@code grace}, oldest first. */
    public Uni<List<Marker>> due(Instant now, Duration grace, int limit) {
        return markers().find(new FindOptions()
                        .filter(Filters.or(Filters.eq("fastPath", false),
                                Filters.lt("since", Date.from(now.minus(grace)))))
                        .sort(Sorts.ascending("sequence"))
                        .limit(limit))
                .map(document -> new Marker(document.getString("_id"), document.getString("collection"),
                        document.getList("documentIds", Object.class), document.getLong("sequence"),
                        document.getDate("since").toInstant(), document.getBoolean("fastPath", false),
                        document.getBoolean("tagged", false)))
                .collect().asList();
    }

    /** Keeps a marker for the given documents only: those it names whose write has not been seen to land yet. */
    public Uni<Void> narrow(String markerId, List<Object> documentIds) {
        return markers().updateOne(Filters.eq("_id", markerId), Updates.set("documentIds", documentIds))
                .replaceWithVoid();
    }

    /** Drops settled markers. */
    public Uni<Void> clear(Collection<String> markerIds) {
        if (markerIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return markers().deleteMany(Filters.in("_id", markerIds)).replaceWithVoid();
    }

    /** The unpublished events of the given documents of one collection (documents that do not exist are left out). */
    public Uni<List<PendingDocument>> pending(String collection, Collection<?> documentIds) {
        RecordKind<?> kind = RecordKind.ALL.stream().filter(k -> k.collection().equals(collection)).findFirst()
                .orElse(null);
        return collections.get(collection)
                .find(Filters.in("_id", documentIds))
                .map(document -> {
                    List<Document> entries = document.getList(OutboxDocuments.EVENTS, Document.class, List.of());
                    return new PendingDocument(collection, document.get("_id"), entries.stream()
                            .map(entry -> OutboxDocuments.fromDocument(entry, document, kind))
                            .toList(), entries.stream()
                            .map(entry -> entry.getString(ENTRY_MARKER))
                            .filter(Objects::nonNull)
                            .collect(Collectors.toSet()));
                })
                .collect().asList();
    }

    /** Removes published events from their documents (events added since stay, with their own markers). */
    public Uni<Void> settle(String collection, Collection<?> documentIds, Collection<String> eventIds,
            Instant publishedAt) {
        if (documentIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return collections.get(collection)
                .updateMany(Filters.in("_id", documentIds), Updates.combine(
                        Updates.pullByFilter(new Document(OutboxDocuments.EVENTS,
                                new Document("eventId", new Document("$in", eventIds)))),
                        Updates.set(OutboxDocuments.PUBLISHED_AT, Date.from(publishedAt))))
                .replaceWithVoid();
    }

    /** Writes whose events may not be published yet. */
    public Uni<Long> countPending() {
        return markers().countDocuments();
    }

    /** Markers by collection, for a relay round. */
    public static Map<String, List<Marker>> byCollection(List<Marker> markers) {
        return markers.stream().collect(Collectors.groupingBy(Marker::collection));
    }

    /**
     * Takes or renews the relay lease.
     *
     * @return true when this holder has the lease until {@code now + ttl}
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

    private io.quarkus.mongodb.reactive.ReactiveMongoCollection<Document> markers() {
        return collections.get(MongoCollections.OUTBOX_MARKERS);
    }

    /** A unique index refused the write (code 11000), whichever command reported it. */
    static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoException mongo
                && ErrorCategory.fromErrorCode(mongo.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
