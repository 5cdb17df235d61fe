package io.cxvalue.scoring;

import io.cxvalue.scoring.model.cx.CxScore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer's scores from one scoring run: lifetime value under one CLV model and the CX score.
 *
 * @param customerId           the customer
 * @param modelVersion         the CLV model that produced the value scores
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
 * @param cxSource             where the CX score comes from: the latest CSAT answer (REAL), the inferred-CX model on
 *                             the latest contact (INFERRED), or neither (NONE)
 * @param cxSatisfaction       probability satisfied, 0..1; null when NONE
 * @param cxModelVersion       the inferred-CX model behind an INFERRED score, else null
 */
public record CustomerScore(String customerId, String modelVersion, int x, double tx, double T, int horizonMonths,
        double expectedTransactions, double pAlive, BigDecimal expectedSpend, BigDecimal clv, String currency,
        String valueTier, String churnRisk, Instant scoredAt, CxScore.Source cxSource, Double cxSatisfaction,
        String cxModelVersion) {

    public CustomerScore {
        Objects.requireNonNull(cxSource, "cxSource");
        if ((cxSatisfaction == null) != (cxSource == CxScore.Source.NONE)) {
            throw new IllegalArgumentException("cxSatisfaction does not match cxSource " + cxSource);
        }
    }

    /** These scores with the CX score {@code cx} (inferred by {@code cxModelVersion} when INFERRED). */
    public CustomerScore withCx(CxScore cx, String cxModelVersion) {
        return new CustomerScore(customerId, modelVersion, x, tx, T, horizonMonths, expectedTransactions, pAlive,
                expectedSpend, clv, currency, valueTier, churnRisk, scoredAt, cx.source(), cx.satisfaction(),
                cx.source() == CxScore.Source.INFERRED ? cxModelVersion : null);
    }
}
