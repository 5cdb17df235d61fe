package io.cxvalue.reporting.crosssell;

import io.cxvalue.reporting.stats.Proportions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relative risk and the suggested threshold on hand-made sales whose answers are worked out here. */
class CrossSellAnalysisTest {

    private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(30);

    @Test
    void relativeRiskHasTheKatzInterval() {
        // 20 of 100 against 10 of 100: RR 2, se(log RR) = sqrt(1/20 - 1/100 + 1/10 - 1/100) = sqrt(0.13).
        double[] rr = Proportions.relativeRisk(20, 100, 10, 100);
        double se = Math.sqrt(0.13);
        assertEquals(2.0, rr[0], 1e-12);
        assertEquals(2.0 * Math.exp(-1.959963984540054 * se), rr[1], 1e-12);
        assertEquals(2.0 * Math.exp(1.959963984540054 * se), rr[2], 1e-12);
        assertEquals(0.9866, rr[1], 1e-4);
        assertEquals(4.0545, rr[2], 1e-4);
        // An empty cell gets a half in every cell rather than an infinite interval.
        double[] none = Proportions.relativeRisk(0, 50, 5, 50);
        assertEquals((0.5 / 51) / (5.5 / 51), none[0], 1e-12);
        assertNull(Proportions.relativeRisk(1, 0, 1, 10));
    }

    @Test
    void aCancellationAfterTheWindowDoesNotCountAndTheThresholdFollowsTheRiskyBins() {
        List<SaleOutcome> sales = new ArrayList<>();
        // 100 positive sales, 5 cancelled; 100 at -0.7 with 40 cancelled; 100 at -0.5 with 30; 100 at 0.1 with 5.
        add(sales, 0.6, 100, 5);
        add(sales, -0.7, 100, 40);
        add(sales, -0.5, 100, 30);
        add(sales, 0.1, 100, 5);
        // Cancelled on day 31: outside the window.
        sales.add(new SaleOutcome("late", null, T0, 0.6, true, false, 5, 10, "EUR",
                List.of(new SaleOutcome.Cancellation(T0.plus(Duration.ofDays(31)), 10))));
        CrossSellAnalysis.Result r = CrossSellAnalysis.analyse(sales, WINDOW);
        assertEquals(401, r.sales());
        assertEquals(80, r.cancelled());
        assertEquals(800.0, r.revenueLostByCurrency().get("EUR"), 1e-9);
        assertEquals(-0.4, r.suggestion().negativeSentimentBelow(), 1e-9);
        assertTrue(r.suggestion().evidence().startsWith("sales made in contacts with sentiment below -0.4 are "
                + "cancelled 7.1 times as often as those made in contacts with positive sentiment (95 % CI"),
                r.suggestion().evidence());
        CrossSellAnalysis.Level negative = r.factors().get(0).levels().stream()
                .filter(l -> l.level().equals("negative")).findFirst().orElseThrow();
        assertEquals(200, negative.sales());
        assertEquals(70, negative.cancelled());
        assertTrue(negative.clear());
    }

    private static void add(List<SaleOutcome> sales, double sentiment, int n, int cancelled) {
        for (int i = 0; i < n; i++) {
            List<SaleOutcome.Cancellation> c = i < cancelled
                    ? List.of(new SaleOutcome.Cancellation(T0.plus(Duration.ofDays(10)), 10)) : List.of();
            sales.add(new SaleOutcome("s" + sales.size(), null, T0, sentiment, true, false, null, 10, "EUR", c));
        }
    }
}
