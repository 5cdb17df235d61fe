package io.cxvalue.reporting.scorecard;

import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.kpi.Tally;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scorecard figures and gaps, against values computed independently (SciPy) and written out here. */
class AgentScorecardTest {

    /** 83 of 143 felt valued; quality 7 x 90 and 7 x 94 (mean 92). */
    static KpiCell checklistAboveCustomers() {
        KpiCell cell = new KpiCell();
        cell.add(Tally.HANDLED, 400);
        cell.add(Tally.FELT_VALUED_ANSWERS, 143);
        cell.add(Tally.FELT_VALUED_TOP2, 83);
        cell.add(Tally.QUALITY_EVALUATIONS, 14);
        cell.add(Tally.QUALITY_SUM, 7 * 90 + 7 * 94);
        cell.add(Tally.QUALITY_SQUARES, 7 * 90 * 90 + 7 * 94 * 94);
        cell.criteria().put("empathy", new double[] {14, 14 * 80, 14 * 80 * 80});
        return cell;
    }

    @Test
    void sharesHaveWilsonIntervalsAndMeansTIntervals() {
        AgentScorecard card = AgentScorecard.of("agent-7", checklistAboveCustomers(), 30, 5);
        assertEquals(83.0 / 143, card.feltValued().value(), 1e-12);
        assertEquals(0.49846975312014236, card.feltValued().low(), 1e-9);
        assertEquals(0.6581617607909592, card.feltValued().high(), 1e-9);
        assertEquals(92.0, card.quality().value(), 1e-12);
        assertEquals(90.80164308234126, card.quality().low(), 1e-9);
        assertEquals(93.19835691765874, card.quality().high(), 1e-9);
        // a criterion with no spread has a zero-width interval
        assertEquals(80.0, card.criteria().get(0).score().low(), 1e-9);
        assertEquals(0, card.csat().base());
        assertNull(card.csat().value());
    }

    @Test
    void aClearGapWithTheChecklistAboveTheCustomersSaysCoachOnTheExperience() {
        AgentScorecard.Gap gap = AgentScorecard.of("agent-7", checklistAboveCustomers(), 30, 5).gap();
        assertEquals(-33.95804195804196, gap.points(), 1e-9);
        assertEquals(-42.119109449180954, gap.low(), 1e-9);
        assertEquals(-25.796974466902967, gap.high(), 1e-9);
        assertTrue(gap.clear());
        assertEquals(AgentScorecard.Direction.CHECKLIST_ABOVE_CUSTOMERS, gap.direction());
        assertEquals("rated 92 by quality reviewers (n = 14), but only 58 % of customers felt valued (n = 143): "
                + "coach on the customer's experience, not the checklist", gap.words());
    }

    @Test
    void theReverseGapSaysTheChecklistMayMeasureTheWrongThing() {
        KpiCell cell = new KpiCell();
        cell.add(Tally.FELT_VALUED_ANSWERS, 120);
        cell.add(Tally.FELT_VALUED_TOP2, 102);
        cell.add(Tally.QUALITY_EVALUATIONS, 10);
        cell.add(Tally.QUALITY_SUM, 5 * 55 + 5 * 67);
        cell.add(Tally.QUALITY_SQUARES, 5 * 55 * 55 + 5 * 67 * 67);
        AgentScorecard.Gap gap = AgentScorecard.of("agent-3", cell, 30, 5).gap();
        assertTrue(gap.clear());
        assertEquals(AgentScorecard.Direction.CUSTOMERS_ABOVE_CHECKLIST, gap.direction());
        assertEquals("85 % of customers felt valued (n = 120), but quality reviewers rate 61 (n = 10): the checklist "
                + "may be measuring the wrong thing", gap.words());
    }

    @Test
    void aGapBelowTheMinimumBaseOrWithAnIntervalAcrossZeroIsNotClear() {
        AgentScorecard.Gap small = AgentScorecard.of("agent-7", checklistAboveCustomers(), 200, 5).gap();
        assertFalse(small.clear());
        assertNull(small.words());
        KpiCell close = new KpiCell();
        close.add(Tally.FELT_VALUED_ANSWERS, 100);
        close.add(Tally.FELT_VALUED_TOP2, 80);
        close.add(Tally.QUALITY_EVALUATIONS, 10);
        close.add(Tally.QUALITY_SUM, 5 * 70 + 5 * 86);
        close.add(Tally.QUALITY_SQUARES, 5 * 70 * 70 + 5 * 86 * 86);
        AgentScorecard.Gap across = AgentScorecard.of("agent-1", close, 30, 5).gap();
        assertTrue(across.low() < 0 && across.high() > 0);
        assertFalse(across.clear());
        assertNull(AgentScorecard.of("agent-1", new KpiCell(), 30, 5).gap());
    }
}
