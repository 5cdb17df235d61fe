package io.cxvalue.ingestion.repository;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.cxvalue.ingestion.Erasure;
import io.cxvalue.contracts.OutboxEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Erasure requests and their confirmations, and the removal of personal data from ingestion's own store. Only the
 * erasure record (customer id, times, service names) survives; it holds no personal data.
 */
@ApplicationScoped
public class ErasureRepository {

    private final MongoCollections collections;
    private final OutboxRepository outbox;

    public ErasureRepository(MongoCollections collections, OutboxRepository outbox) {
        this.collections = collections;
        this.outbox = outbox;
    }

    /** Stores the request with its events (the request itself, and ingestion's own confirmation). */
    public Uni<Void> create(Erasure erasure, List<OutboxEvent> events) {
        Document confirmed = new Document();
        erasure.confirmed().forEach((service, at) -> confirmed.append(service, Date.from(at)));
        Document document = new Document("_id", erasure.erasureId())
                .append("customerId", erasure.customerId())
                .append("requestedAt", Date.from(erasure.requestedAt()))
                .append("expected", erasure.expected())
                .append("confirmed", confirmed);
        return outbox.mark(MongoCollections.ERASURES, List.of(erasure.erasureId()), events.get(0).sequence(),
                        erasure.requestedAt(), false)
                // The entries name their marker, so a relay round between the two writes keeps the marker.
                .chain(markerId -> collections.get(MongoCollections.ERASURES).insertOne(
                        OutboxDocuments.withPending(document, events, markerId)))
                .replaceWithVoid();
    }

    /** A service's confirmation of an erasure. */
    public record Confirmation(String erasureId, String service, Instant at) {
    }

    /**
     * Records the services' confirmations in one bulk write; a repeat keeps the first time.
     *
     * @return how many were new
     */
    public Uni<Integer> confirmAll(List<Confirmation> confirmations) {
        if (confirmations.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<WriteModel<Document>> writes = new ArrayList<>(confirmations.size());
        for (Confirmation c : confirmations) {
            String field = "confirmed." + c.service();
            writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", c.erasureId()), Filters.exists(field, false)),
                    Updates.set(field, Date.from(c.at()))));
        }
        return collections.get(MongoCollections.ERASURES)
                .bulkWrite(writes, new BulkWriteOptions().ordered(true))
                .map(BulkWriteResult::getModifiedCount);
    }

    public Uni<Optional<Erasure>> find(String erasureId) {
        return collections.get(MongoCollections.ERASURES).find(Filters.eq("_id", erasureId)).toUni()
                .map(document -> Optional.ofNullable(document).map(ErasureRepository::fromDocument));
    }

    /**
     * Removes the customer's personal data from ingestion's store: the identities that point at it, the profile
     * fields that name the person, and the free text of their survey comments and interaction notes and transcripts
     * with the terms taken from them (a record's outbox entry holds no copy of them: an event not yet published is
     * rebuilt from the record, without them). Interactions and other records keep their customer id, a pseudonym once
     * the identities are gone.
     */
    public Uni<Void> erasePersonalData(String customerId, Instant at) {
        return collections.get(MongoCollections.IDENTITIES).deleteMany(Filters.eq("customerId", customerId))
                .chain(() -> collections.get(MongoCollections.CUSTOMER_PROFILES)
                        .deleteMany(Filters.eq("customerId", customerId)))
                // The terms go with the text (an empty list still says there was a comment, as the event must).
                .chain(() -> collections.get(MongoCollections.FEEDBACK).updateMany(
                        Filters.and(Filters.eq("customerId", customerId), Filters.exists("comment")),
                        Updates.combine(Updates.unset("comment"), Updates.set(KindDocuments.COMMENT_TERMS, List.of()))))
                .chain(() -> collections.get(MongoCollections.INTERACTIONS).updateMany(
                        Filters.and(Filters.eq("customerId", customerId),
                                Filters.or(Filters.exists("notes"), Filters.exists("transcript"))),
                        Updates.combine(Updates.unset("notes"), Updates.unset("transcript"),
                                Updates.set(KindDocuments.TEXT_TERMS, List.of()))))
                .chain(() -> collections.get(MongoCollections.CUSTOMERS).updateOne(Filters.eq("_id", customerId),
                        Updates.combine(Updates.set("identities", List.of()), Updates.unset("displayName"),
                                Updates.unset("attributes"), Updates.set("erasedAt", Date.from(at)))))
                .replaceWithVoid();
    }

    private static Erasure fromDocument(Document document) {
        Map<String, Instant> confirmed = new LinkedHashMap<>();
        document.get("confirmed", Document.class)
                .forEach((service, at) -> confirmed.put(service, ((Date) at).toInstant()));
        return new Erasure(document.getString("_id"), document.getString("customerId"),
                document.getDate("requestedAt").toInstant(), document.getList("expected", String.class), confirmed);
    }
}
