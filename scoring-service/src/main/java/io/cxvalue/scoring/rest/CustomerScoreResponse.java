package io.cxvalue.scoring.rest;

import io.cxvalue.scoring.CustomerScore;
import io.cxvalue.scoring.model.cx.CxScore;
import java.math.BigDecimal;

/**
 * A customer's scores from the latest scoring run: CLV under the model that produced them, and the CX score with its
 * source (REAL: latest CSAT answer; INFERRED: the inferred-CX model on the latest contact; NONE).
 */
public record CustomerScoreResponse(String customerId, String modelVersion, int x, double tx, double T,
        int horizonMonths, double expectedTransactions, double pAlive, BigDecimal expectedSpend, BigDecimal clv,
        String currency, String valueTier, String churnRisk, String scoredAt, CxScore.Source cxSource,
        Double cxSatisfaction, String cxModelVersion) {

    static CustomerScoreResponse of(CustomerScore s) {
        return new CustomerScoreResponse(s.customerId(), s.modelVersion(), s.x(), s.tx(), s.T(), s.horizonMonths(),
                s.expectedTransactions(), s.pAlive(), s.expectedSpend(), s.clv(), s.currency(), s.valueTier(),
                s.churnRisk(), s.scoredAt().toString(), s.cxSource(), s.cxSatisfaction(), s.cxModelVersion());
    }
}
