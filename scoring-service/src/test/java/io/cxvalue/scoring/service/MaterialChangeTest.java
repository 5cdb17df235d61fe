package io.cxvalue.scoring.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.scoring.CustomerScore;
import io.cxvalue.scoring.model.cx.CxScore;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a rescore is published: first score, tier or churn band change, or a CLV move above both thresholds. */
class MaterialChangeTest {

    private static CustomerScore score(String clv, String tier, String churn) {
        return score(clv, tier, churn, CxScore.Source.NONE, null);
    }

    private static CustomerScore score(String clv, String tier, String churn, CxScore.Source cxSource,
            Double satisfaction) {
        return new CustomerScore("c-1", "v", 1, 1.0, 2.0, 12, 0.5, 0.9, new BigDecimal("10.00"), new BigDecimal(clv),
                "EUR", tier, churn, Instant.parse("2026-01-01T00:00:00Z"), cxSource, satisfaction,
                cxSource == CxScore.Source.INFERRED ? "cx-v1" : null);
    }

    private static boolean changed(CustomerScore before, CustomerScore after) {
        return ClvService.changedMaterially(before, after, 0.1, 1.0, 0.1);
    }

    @Test
    void aNewCxSourceOrACxMoveAboveTheThresholdIsAChange() {
        CustomerScore inferred = score("100", "LOW", "LOW", CxScore.Source.INFERRED, 0.70);
        assertTrue(changed(score("100", "LOW", "LOW"), inferred));
        assertTrue(changed(inferred, score("100", "LOW", "LOW", CxScore.Source.REAL, 1.0)));
        assertFalse(changed(inferred, score("100", "LOW", "LOW", CxScore.Source.INFERRED, 0.79)));
        assertTrue(changed(inferred, score("100", "LOW", "LOW", CxScore.Source.INFERRED, 0.81)));
        assertTrue(changed(inferred, score("100", "LOW", "LOW", CxScore.Source.INFERRED, 0.59)));
    }

    @Test
    void cxSatisfactionMustMatchItsSource() {
        assertThrows(IllegalArgumentException.class, () -> score("1", "LOW", "LOW", CxScore.Source.NONE, 0.5));
        assertThrows(IllegalArgumentException.class, () -> score("1", "LOW", "LOW", CxScore.Source.REAL, null));
    }

    @Test
    void firstScoreIsAChange() {
        assertTrue(changed(null, score("5", "LOW", "LOW")));
    }

    @Test
    void tierOrChurnBandChangeIsAChange() {
        assertTrue(changed(score("100", "LOW", "LOW"), score("100", "MEDIUM", "LOW")));
        assertTrue(changed(score("100", "LOW", "LOW"), score("100", "LOW", "HIGH")));
    }

    @Test
    void clvMustMoveByTheShareAndTheMinimum() {
        assertFalse(changed(score("100", "LOW", "LOW"), score("100", "LOW", "LOW")));
        assertFalse(changed(score("100", "LOW", "LOW"), score("109.99", "LOW", "LOW")));
        assertTrue(changed(score("100", "LOW", "LOW"), score("110.01", "LOW", "LOW")));
        assertTrue(changed(score("100", "LOW", "LOW"), score("89.99", "LOW", "LOW")));
        // 50 % of a tiny CLV is below the absolute minimum.
        assertFalse(changed(score("1.00", "LOW", "LOW"), score("1.50", "LOW", "LOW")));
        assertTrue(changed(score("1.00", "LOW", "LOW"), score("2.01", "LOW", "LOW")));
    }
}
