package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;

import java.time.Instant;
import java.util.List;

/**
 * A survey answer. Each score is null when the survey did not ask it.
 *
 * @param csat       customer satisfaction 1..5
 * @param nps        likelihood to recommend 0..10
 * @param ces        customer effort 1..7
 * @param feltValued "did we make you feel valued" 1..5
 * @param comment      free text; personal data: kept by ingestion, never published (null on the topic)
 * @param commentTerms the terms extracted from the comment (stemmed key, label as written), which is what travels:
 *                     empty when the comment had none, null when there was no comment
 */
public record SurveyResponded(
        String responseId,
        String source,
        String externalId,
        String customerId,
        String interactionId,
        Instant respondedAt,
        Integer csat,
        Integer nps,
        Integer ces,
        Integer feltValued,
        String comment,
        List<CommentTerm> commentTerms) implements CxEvent {

    public SurveyResponded {
        commentTerms = commentTerms == null ? null : List.copyOf(commentTerms);
    }

    /** An answer whose comment (if any) has not been analysed. */
    public SurveyResponded(String responseId, String source, String externalId, String customerId,
            String interactionId, Instant respondedAt, Integer csat, Integer nps, Integer ces, Integer feltValued,
            String comment) {
        this(responseId, source, externalId, customerId, interactionId, respondedAt, csat, nps, ces, feltValued,
                comment, null);
    }

    /** The answer as published: its comment's terms, not its text. */
    @Override
    public SurveyResponded published() {
        return comment == null ? this : new SurveyResponded(responseId, source, externalId, customerId,
                interactionId, respondedAt, csat, nps, ces, feltValued, null,
                commentTerms == null ? List.of() : commentTerms);
    }
}
