package io.cxvalue.reporting.contact;

import io.cxvalue.contracts.events.CommentTerm;
import io.cxvalue.reporting.kpi.IssueChains;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A contact with everything that arrived about it: the survey answers and quality evaluations of the interaction,
 * the cancellations of the sale made in it, and its place in the customer's issues. The KPIs of the contact's team,
 * agent, channel, reason and day are computed from these records only, so a survey that arrives days later changes
 * the figures of the day the contact happened.
 *
 * @param issue the contact's role in its issue; null for an abandoned contact, or before the chains are known
 */
public record ContactRecord(ContactFact fact, List<Survey> surveys, List<Evaluation> evaluations,
        List<Cancellation> cancellations, IssueChains.Role issue) {

    public ContactRecord {
        surveys = List.copyOf(surveys);
        evaluations = List.copyOf(evaluations);
        cancellations = List.copyOf(cancellations);
    }

    /**
     * A survey answer about the contact; a score is null when the survey did not ask it.
     *
     * @param commentTerms the terms of its comment (ingestion keeps the text); null without a comment
     */
    public record Survey(String responseId, Instant respondedAt, Integer csat, Integer nps, Integer ces,
            Integer feltValued, List<CommentTerm> commentTerms) {

        public Survey {
            commentTerms = commentTerms == null ? null : List.copyOf(commentTerms);
        }

        /** An answer without a comment. */
        public Survey(String responseId, Instant respondedAt, Integer csat, Integer nps, Integer ces,
                Integer feltValued) {
            this(responseId, respondedAt, csat, nps, ces, feltValued, null);
        }
    }

    /** An internal quality evaluation of the contact: overall score and per-criterion scores, 0..100. */
    public record Evaluation(String evaluationId, String evaluatorId, Instant evaluatedAt, double score,
            Map<String, Double> criteria) {

        public Evaluation {
            criteria = criteria == null ? Map.of() : Map.copyOf(criteria);
        }
    }

    /** A cancellation or refund of the sale made in the contact. */
    public record Cancellation(String transactionId, Instant occurredAt, double amount, String currency) {
    }
}
