package io.cxvalue.ingestion.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.FindOptions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The voice of the customer's verbatims: survey comments, which only ingestion keeps (personal data; an erasure
 * removes them), found by the terms extracted from them.
 */
@ApplicationScoped
public class VerbatimRepository {

    /** A comment as an analyst sees it. */
    public record Verbatim(String responseId, String interactionId, Instant respondedAt, Integer csat, Integer nps,
            String comment) {
    }

    private final MongoCollections collections;

    public VerbatimRepository(MongoCollections collections) {
        this.collections = collections;
    }

    public Uni<Void> ensureIndexes() {
        return collections.get(MongoCollections.FEEDBACK)
                .createIndex(Indexes.compoundIndex(Indexes.ascending(KindDocuments.COMMENT_TERMS + ".key"),
                        Indexes.descending("respondedAt")), new IndexOptions().name("by_comment_term"))
                .replaceWithVoid();
    }

    /** The latest comments (up to {@code limit}) answered in [from, to) with this term, newest first. */
    public Uni<List<Verbatim>> withTerm(String termKey, Instant from, Instant to, int limit) {
        return collections.get(MongoCollections.FEEDBACK)
                .find(Filters.and(Filters.eq(KindDocuments.COMMENT_TERMS + ".key", termKey),
                                Filters.gte("respondedAt", Date.from(from)), Filters.lt("respondedAt", Date.from(to)),
                                Filters.exists("comment")),
                        new FindOptions().sort(Sorts.orderBy(Sorts.descending("respondedAt"), Sorts.ascending("_id")))
                                .limit(limit)
                                .projection(Projections.include(KindDocuments.INTERACTION_ID, "respondedAt", "csat",
                                        "nps", "comment")))
                .map(d -> new Verbatim(d.getString("_id"), d.getString(KindDocuments.INTERACTION_ID),
                        d.getDate("respondedAt").toInstant(), d.getInteger("csat"), d.getInteger("nps"),
                        d.getString("comment")))
                .collect().asList();
    }
}
