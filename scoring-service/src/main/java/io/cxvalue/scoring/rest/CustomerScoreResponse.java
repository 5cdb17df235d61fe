package io.cxvalue.scoring.rest;

import io.cxvalue.scoring.CustomerScore;
import java.math.BigDecimal;

/** A customer's CLV scores under the model that produced them. */
public record CustomerScoreResponse(String customerId, String modelVersion, int x, double tx, double T,
        int horizonMonths, double expectedTransactions, double pAlive, BigDecimal expectedSpend, BigDecimal clv,
        String currency, String valueTier, String churnRisk, String scoredAt) {

    static CustomerScoreResponse of(CustomerScore s) {
        return new CustomerScoreResponse(s.customerId(), s.modelVersion(), s.x(), s.tx(), s.T(), s.horizonMonths(),
                s.expectedTransactions(), s.pAlive(), s.expectedSpend(), s.clv(), s.currency(), s.valueTier(),
                s.churnRisk(), s.scoredAt().toString());
    }
}
