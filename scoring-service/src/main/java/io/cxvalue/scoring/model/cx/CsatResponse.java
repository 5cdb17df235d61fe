package io.cxvalue.scoring.model.cx;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * A real CSAT answer of a customer: the score and when it was given (only answers that asked CSAT count; an answer
 * with NPS or CES alone is not a CSAT response).
 *
 * @param csat        1..5
 * @param respondedAt when the customer answered
 */
public record CsatResponse(int csat, Instant respondedAt) {

    public CsatResponse {
        SatisfactionLabel.checkCsat(csat);
        Objects.requireNonNull(respondedAt, "respondedAt");
    }

    /**
     * The latest of {@code responses} by answer time (the later-listed one on equal times), or null when there are
     * none. Null elements are ignored.
     */
    public static CsatResponse latest(Collection<CsatResponse> responses) {
        CsatResponse latest = null;
        for (CsatResponse r : responses) {
            if (r != null && (latest == null || !r.respondedAt().isBefore(latest.respondedAt()))) {
                latest = r;
            }
        }
        return latest;
    }
}
