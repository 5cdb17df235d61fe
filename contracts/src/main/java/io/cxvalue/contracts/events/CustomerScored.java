package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A customer's scores changed.
 *
 * @param modelVersion         version of the fitted CLV model that produced the scores
 * @param clv                  discounted lifetime value over {@code horizonMonths}, in {@code currency}
 * @param expectedTransactions BG/NBD expected transactions over the horizon
 * @param pAlive               BG/NBD probability that the customer is still active
 * @param expectedSpend        Gamma-Gamma expected spend per transaction
 * @param cxScore              probability 0..1 that the customer is satisfied
 * @param cxScoreSource        {@code SURVEY} when from a real response, {@code INFERRED} when predicted
 */
public record CustomerScored(
        String customerId,
        String modelVersion,
        BigDecimal clv,
        String currency,
        int horizonMonths,
        double expectedTransactions,
        double pAlive,
        BigDecimal expectedSpend,
        String valueTier,
        String churnRisk,
        Double cxScore,
        String cxScoreSource,
        Instant scoredAt) implements CxEvent {
}
