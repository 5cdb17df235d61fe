package io.cxvalue.reporting.voice;

import io.cxvalue.contracts.events.CommentTerm;
import io.cxvalue.reporting.contact.ContactFact;

import java.time.Instant;
import java.util.List;

/**
 * A text customers' words are in, as reporting knows it: a survey comment, or a contact's notes and transcript. The
 * terms ingestion extracted from it (never its text), where its contact counts (team, reason, channel, start), the
 * contact's sentiment as the channel system measured it and, for a comment, the scores given with it.
 *
 * @param id        the survey answer's id (SURVEY) or the interaction's (CONTACT)
 * @param sentiment the contact's, -1 (negative) .. 1 (positive); null when not measured
 * @param keys   the terms' keys (stemmed)
 * @param labels the terms' labels (as written), in the order of the keys
 */
public record Comment(Source source, String id, Instant contactStartedAt, String teamId, String contactReason,
        String channel, Integer csat, Integer nps, Double sentiment, List<String> keys, List<String> labels) {

    /** Where the text was written. */
    public enum Source {
        /** A survey answer's comment. */
        SURVEY,
        /** An interaction's notes and transcript. */
        CONTACT
    }

    public Comment {
        keys = List.copyOf(keys);
        labels = List.copyOf(labels);
    }

    /** The entry of a text from the terms ingestion published with it. */
    public static Comment of(Source source, String id, Instant contactStartedAt, String teamId, String contactReason,
            String channel, Integer csat, Integer nps, Double sentiment, List<CommentTerm> terms) {
        return new Comment(source, id, contactStartedAt, teamId, contactReason, channel, csat, nps, sentiment,
                terms.stream().map(CommentTerm::key).toList(), terms.stream().map(CommentTerm::label).toList());
    }

    /** A CSAT answer of 1 or 2. */
    public boolean lowCsat() {
        return csat != null && csat <= 2;
    }

    /** The contact's sentiment was measured negative ({@link ContactFact#SENTIMENT_BAND}). */
    public boolean negativeSentiment() {
        return sentiment != null && sentiment <= -ContactFact.SENTIMENT_BAND;
    }
}
