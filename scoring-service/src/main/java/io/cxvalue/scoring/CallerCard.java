package io.cxvalue.scoring;

import io.cxvalue.scoring.experiment.CallerExperiments;

import io.cxvalue.scoring.model.cx.CxScore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the agent desktop shows when a customer calls: value, CX score, recent contacts and the recommendation
 * ({@link CallerPolicy}). An unknown caller has {@code known} false, no score, cx or contacts, and the default
 * recommendation.
 *
 * @param known          whether scoring knows the caller
 * @param customerId     the customer (the survivor when merged); the id asked for, or null, when unknown
 * @param asOf           the instant the card is computed as of
 * @param score          the value scores; null when unknown
 * @param cx             the CX score and its source; null when unknown
 * @param contacts       the recent contacts; null when unknown
 * @param recommendation how to handle the call and whether to cross-sell, with reasons
 * @param experiments    the running test programs the caller is in, each with its variant's instruction for the
 *                       agent (it takes precedence over the recommendation for the contacts it applies to)
 */
public record CallerCard(boolean known, String customerId, Instant asOf, Score score, Cx cx, Contacts contacts,
        CallerPolicy.Recommendation recommendation, List<CallerExperiments.Entry> experiments) {

    /**
     * The CLV scores; every figure null (and {@code missingReason} set) when the customer has not been scored.
     */
    public record Score(String valueTier, BigDecimal clv, String currency, Double pAlive, String churnRisk,
            String modelVersion, Instant scoredAt, String missingReason) {

        public static final String NOT_SCORED = "not scored yet: the customer was not in the latest CLV run";

        public static Score of(CustomerScore s) {
            return s == null
                    ? new Score(null, null, null, null, null, null, null, NOT_SCORED)
                    : new Score(s.valueTier(), s.clv(), s.currency(), s.pAlive(), s.churnRisk(), s.modelVersion(),
                            s.scoredAt(), null);
        }
    }

    /**
     * The CX score: the probability that the customer is satisfied, and where it comes from.
     *
     * @param source       REAL (the latest CSAT answer), INFERRED (the inferred-CX model) or NONE
     * @param satisfaction probability satisfied, 0..1 (1 or 0 for a real answer); null when NONE
     * @param csat         the real answer, 1..5; null unless REAL
     * @param respondedAt  when it was given; null unless REAL
     * @param modelVersion the inferred-CX model behind an INFERRED score, else null
     * @param note         for an INFERRED score, what it is (an estimate, not an answer); else null
     */
    public record Cx(CxScore.Source source, Double satisfaction, Integer csat, Instant respondedAt,
            String modelVersion, String note) {

        public static final String INFERRED_NOTE = "estimated from the customer's latest contact by the inferred-CX "
                + "model; the customer did not answer a satisfaction survey";

        public static Cx of(CxScore score, String modelVersion) {
            boolean inferred = score.source() == CxScore.Source.INFERRED;
            return new Cx(score.source(), score.satisfaction(), score.csat(), score.respondedAt(),
                    inferred ? modelVersion : null, inferred ? INFERRED_NOTE : null);
        }
    }

    /** The recent contacts (rules in {@link ContactHistory}). */
    public record Contacts(long last7Days, long last30Days, boolean openIssue, String openIssueReason,
            boolean repeatCaller, String repeatReason, Double lastSentiment, Instant lastSentimentAt) {

        public static Contacts of(ContactHistory c) {
            return new Contacts(c.contactsLast7Days(), c.contactsLast30Days(), c.openIssue(), c.openIssueReason(),
                    c.repeatCaller(), c.repeatReason(), c.lastSentiment(), c.lastSentimentAt());
        }
    }

    /** The card of a caller scoring knows nothing of. */
    public static CallerCard unknown(String customerId, Instant asOf) {
        return new CallerCard(false, customerId, asOf, null, null, null, CallerPolicy.UNKNOWN, List.of());
    }
}
