package io.cxvalue.ingestion.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.cxvalue.contracts.events.CommentTerm;
import io.quarkus.mongodb.FindOptions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * The voice of the customer's verbatims: survey comments and interaction notes and transcripts, which only ingestion
 * keeps (personal data; an erasure removes them), found by the terms extracted from them.
 */
@ApplicationScoped
public class VerbatimRepository {

    /** Where a verbatim was written. */
    public enum Source {
        SURVEY, CONTACT
    }

    /** How much of a transcript is shown either side of the term. */
    private static final int EXCERPT = 300;

    /**
     * A text as an analyst sees it.
     *
     * @param id   the survey answer's id (SURVEY) or the interaction's (CONTACT)
     * @param at   when answered (SURVEY) or when the contact started (CONTACT)
     * @param text the comment; or the notes and the part of the transcript around the term's first mention
     */
    public record Verbatim(Source source, String id, String interactionId, Instant at, Integer csat, Integer nps,
            String text) {
    }

    private final MongoCollections collections;

    public VerbatimRepository(MongoCollections collections) {
        this.collections = collections;
    }

    public Uni<Void> ensureIndexes() {
        return collections.get(MongoCollections.FEEDBACK)
                .createIndex(Indexes.compoundIndex(Indexes.ascending(KindDocuments.COMMENT_TERMS + ".key"),
                        Indexes.descending("respondedAt")), new IndexOptions().name("by_comment_term"))
                .chain(() -> collections.get(MongoCollections.INTERACTIONS)
                        .createIndex(Indexes.compoundIndex(Indexes.ascending(KindDocuments.TEXT_TERMS + ".key"),
                                Indexes.descending("startedAt")), new IndexOptions().name("by_text_term")))
                .replaceWithVoid();
    }

    /** The latest texts (up to {@code limit}) of [from, to) with this term from these sources, newest first. */
    public Uni<List<Verbatim>> withTerm(String termKey, Instant from, Instant to, int limit, List<Source> sources) {
        Uni<List<Verbatim>> surveys = sources.contains(Source.SURVEY) ? comments(termKey, from, to, limit)
                : Uni.createFrom().item(List.of());
        Uni<List<Verbatim>> contacts = sources.contains(Source.CONTACT) ? contactTexts(termKey, from, to, limit)
                : Uni.createFrom().item(List.of());
        return Uni.combine().all().unis(surveys, contacts).asTuple().map(both -> {
            List<Verbatim> all = new ArrayList<>(both.getItem1());
            all.addAll(both.getItem2());
            all.sort(Comparator.comparing(Verbatim::at).reversed().thenComparing(Verbatim::id));
            return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
        });
    }

    private Uni<List<Verbatim>> comments(String termKey, Instant from, Instant to, int limit) {
        return collections.get(MongoCollections.FEEDBACK)
                .find(Filters.and(Filters.eq(KindDocuments.COMMENT_TERMS + ".key", termKey),
                                Filters.gte("respondedAt", Date.from(from)), Filters.lt("respondedAt", Date.from(to)),
                                Filters.exists("comment")),
                        new FindOptions().sort(Sorts.orderBy(Sorts.descending("respondedAt"), Sorts.ascending("_id")))
                                .limit(limit)
                                .projection(Projections.include(KindDocuments.INTERACTION_ID, "respondedAt", "csat",
                                        "nps", "comment")))
                .map(d -> new Verbatim(Source.SURVEY, d.getString("_id"), d.getString(KindDocuments.INTERACTION_ID),
                        d.getDate("respondedAt").toInstant(), d.getInteger("csat"), d.getInteger("nps"),
                        d.getString("comment")))
                .collect().asList();
    }

    private Uni<List<Verbatim>> contactTexts(String termKey, Instant from, Instant to, int limit) {
        return collections.get(MongoCollections.INTERACTIONS)
                .find(Filters.and(Filters.eq(KindDocuments.TEXT_TERMS + ".key", termKey),
                                Filters.gte("startedAt", Date.from(from)), Filters.lt("startedAt", Date.from(to)),
                                Filters.or(Filters.exists("notes"), Filters.exists("transcript"))),
                        new FindOptions().sort(Sorts.orderBy(Sorts.descending("startedAt"), Sorts.ascending("_id")))
                                .limit(limit)
                                .projection(Projections.include("startedAt", "notes", "transcript",
                                        KindDocuments.TEXT_TERMS)))
                .map(d -> new Verbatim(Source.CONTACT, d.getString("_id"), d.getString("_id"),
                        d.getDate("startedAt").toInstant(), null, null, contactText(d, termKey)))
                .collect().asList();
    }

    /** The notes, and the transcript around the term's first mention (its label as written). */
    private static String contactText(Document d, String termKey) {
        String notes = d.getString("notes");
        String transcript = d.getString("transcript");
        if (transcript == null) {
            return notes;
        }
        String label = null;
        List<CommentTerm> terms = KindDocuments.commentTerms(d.getList(KindDocuments.TEXT_TERMS, Document.class));
        for (CommentTerm t : terms == null ? List.<CommentTerm>of() : terms) {
            if (t.key().equals(termKey)) {
                label = t.label();
                break;
            }
        }
        int at = label == null ? -1 : transcript.toLowerCase(Locale.ROOT).indexOf(label);
        String excerpt;
        if (at < 0 || transcript.length() <= 2 * EXCERPT) {
            excerpt = transcript.length() <= 2 * EXCERPT ? transcript : transcript.substring(0, 2 * EXCERPT) + " …";
        } else {
            int start = Math.max(0, at - EXCERPT);
            int end = Math.min(transcript.length(), at + label.length() + EXCERPT);
            excerpt = (start > 0 ? "… " : "") + transcript.substring(start, end) + (end < transcript.length() ? " …" : "");
        }
        return notes == null ? excerpt : notes + "\n" + excerpt;
    }
}
