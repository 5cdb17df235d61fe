package io.cxvalue.reporting.voice;

import java.time.Instant;
import java.util.List;

/**
 * A survey comment as reporting knows it: the terms ingestion extracted from it (never its text), where its contact
 * counts (team, reason, channel, start) and the scores given with it.
 *
 * @param keys   the terms' keys (stemmed)
 * @param labels the terms' labels (as written), in the order of the keys
 */
public record Comment(String responseId, Instant contactStartedAt, String teamId, String contactReason,
        String channel, Integer csat, Integer nps, List<String> keys, List<String> labels) {

    public Comment {
        keys = List.copyOf(keys);
        labels = List.copyOf(labels);
    }

    /** A CSAT answer of 1 or 2. */
    public boolean lowCsat() {
        return csat != null && csat <= 2;
    }
}
