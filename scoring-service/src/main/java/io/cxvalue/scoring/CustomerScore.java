package io.cxvalue.scoring;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A customer's lifetime-value scores under one CLV model.
 *
 * @param customerId           the customer
 * @param modelVersion         the model that produced the scores
 * @param x                    repeat transactions in the calibration period
 * @param tx                   recency t_x (model unit)
 * @param T                    age T (model unit)
 * @param horizonMonths        CLV horizon
 * @param expectedTransactions BG/NBD expected transactions over the horizon (undiscounted)
 * @param pAlive               BG/NBD P(alive)
 * @param expectedSpend        Gamma-Gamma expected spend per transaction
 * @param clv                  discounted CLV over the horizon
 * @param currency             currency of the customer's transactions
 * @param valueTier            tier from the CLV distribution
 * @param churnRisk            LOW, MEDIUM or HIGH from 1 - P(alive)
 * @param scoredAt             when scored
 */
public record CustomerScore(String customerId, String modelVersion, int x, double tx, double T, int horizonMonths,
        double expectedTransactions, double pAlive, BigDecimal expectedSpend, BigDecimal clv, String currency,
        String valueTier, String churnRisk, Instant scoredAt) {
}
