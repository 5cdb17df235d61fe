package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;

import java.time.Instant;
import java.util.Map;

/**
 * An internal quality evaluation of one interaction.
 *
 * @param score    overall score 0..100
 * @param criteria per-criterion scores 0..100, by criterion name
 */
public record QualityEvaluated(
        String evaluationId,
        String source,
        String externalId,
        String customerId,
        String interactionId,
        String agentId,
        String teamId,
        String evaluatorId,
        double score,
        Map<String, Double> criteria,
        Instant evaluatedAt) implements CxEvent {
}
