package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;

import java.time.Instant;

/**
 * A survey answer. Each score is null when the survey did not ask it.
 *
 * @param csat       customer satisfaction 1..5
 * @param nps        likelihood to recommend 0..10
 * @param ces        customer effort 1..7
 * @param feltValued "did we make you feel valued" 1..5
 * @param comment    free text; personal data, dropped by consumers that hold none
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
        String comment) implements CxEvent {
}
