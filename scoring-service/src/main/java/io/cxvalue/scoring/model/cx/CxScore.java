package io.cxvalue.scoring.model.cx;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's CX score: the latest real CSAT answer where there is one, else the model's inferred probability, else
 * nothing, always with its source.
 *
 * <p>Common scale: {@link #satisfaction()} is the probability that the customer is satisfied (per the
 * {@link SatisfactionLabel}), in [0, 1]. For a real answer it is certain, 1.0 or 0.0; for an inferred score it is the
 * model's probability. So the mean of {@code satisfaction} over any group of customers, whatever mix of sources,
 * estimates the share of them who are satisfied. The real CSAT (1..5) and its date are kept alongside, and a real
 * answer always wins over an inferred one however old it is: the caller decides which answers are recent enough to
 * pass in.
 *
 * @param source       where the score comes from
 * @param satisfaction probability satisfied in [0, 1]; null when {@link Source#NONE}
 * @param csat         the real answer 1..5; null unless {@link Source#REAL}
 * @param satisfied    the real answer read with the label; null unless {@link Source#REAL}
 * @param respondedAt  when the real answer was given; null unless {@link Source#REAL}
 */
public record CxScore(Source source, Double satisfaction, Integer csat, Boolean satisfied, Instant respondedAt) {

    /** Where a score comes from. */
    public enum Source {
        /** the customer's latest CSAT answer */
        REAL,
        /** the inferred-CX model's probability (see {@link CxModelReport#NON_RESPONSE_CAVEAT}) */
        INFERRED,
        /** neither an answer nor a prediction */
        NONE
    }

    public CxScore {
        Objects.requireNonNull(source, "source");
        boolean real = source == Source.REAL;
        if ((satisfaction == null) != (source == Source.NONE)
                || (csat == null || satisfied == null || respondedAt == null) == real) {
            throw new IllegalArgumentException("fields do not match source " + source);
        }
        if (satisfaction != null && !(satisfaction >= 0 && satisfaction <= 1)) {
            throw new IllegalArgumentException("satisfaction must be in [0, 1], was " + satisfaction);
        }
    }

    /** {@link #of(CsatResponse, Double, SatisfactionLabel)} with satisfied = CSAT &ge; 4. */
    public static CxScore of(CsatResponse latestResponse, Double inferredProbability) {
        return of(latestResponse, inferredProbability, SatisfactionLabel.DEFAULT);
    }

    /**
     * The score from the customer's latest CSAT answer (null if none) and the inferred probability (null if none;
     * typically the model's probability for the customer's latest interaction).
     */
    public static CxScore of(CsatResponse latestResponse, Double inferredProbability, SatisfactionLabel label) {
        if (latestResponse != null) {
            boolean satisfied = label.satisfied(latestResponse.csat());
            return new CxScore(Source.REAL, satisfied ? 1.0 : 0.0, latestResponse.csat(), satisfied,
                    latestResponse.respondedAt());
        }
        if (inferredProbability != null) {
            return new CxScore(Source.INFERRED, inferredProbability, null, null, null);
        }
        return new CxScore(Source.NONE, null, null, null, null);
    }
}
