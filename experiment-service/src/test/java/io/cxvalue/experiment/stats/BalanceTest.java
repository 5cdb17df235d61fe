package io.cxvalue.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

class BalanceTest {

    /**
     * Control (1, 2, 3, 4): mean 2.5, variance 5/3. Treatment (2, 3, 4, 5, 6): mean 4, variance 2.5.
     * SMD = 1.5/&radic;((5/3 + 2.5)/2) = 1.5/&radic;(25/12) = 1.0392305; z = 1.5/&radic;(2.5/5 + (5/3)/4)
     * = 1.5/&radic;(11/12) = 1.5666989, two-sided p = 0.117186.
     */
    @Test
    void rowByHand() {
        Balance.Row row = Balance.row("calls before", MetricStats.of(new double[] {1, 2, 3, 4}),
                MetricStats.of(new double[] {2, 3, 4, 5, 6}));
        assertEquals(2.5, row.controlMean(), 1e-15);
        assertEquals(4.0, row.treatmentMean(), 1e-15);
        assertEquals(1.5 / Math.sqrt(25.0 / 12), row.smd(), 1e-14);
        assertEquals(1.5 / Math.sqrt(11.0 / 12), row.z(), 1e-14);
        assertEquals(0.117186, row.pValue(), 1e-6);
        assertFalse(row.flagged());
    }

    @Test
    void constantCovariates() {
        Balance.Row same = Balance.row("flag", MetricStats.of(new double[] {1, 1}),
                MetricStats.of(new double[] {1, 1}));
        assertEquals(1.0, same.pValue());
        assertFalse(same.flagged());
        Balance.Row different = Balance.row("flag", MetricStats.of(new double[] {0, 0}),
                MetricStats.of(new double[] {1, 1}));
        assertEquals(0.0, different.pValue());
        assertTrue(different.flagged());
    }

    /**
     * Three pre-period covariates (spend, calls, tenure) of customers assigned at random: across 1,000 simulated
     * experiments of 2 × 1,000, the chance of any flag in the 3-row table is about 0.3 %; at most 1 % is allowed.
     * A broken assignment that sends customers who spent more than 50 in the pre-period to treatment 55 % of the time
     * and the others 45 % (instead of 50 %), on 10,000 customers, must be flagged on spend, with an SMD above 0.05
     * (a small imbalance, which is the point: large enough to bias a result, too small to see by eye).
     */
    @Test
    void flagsOnlyBrokenAssignment() {
        RandomDataGenerator rng = new RandomDataGenerator(20240610L);
        int sims = 1_000;
        int anyFlag = 0;
        for (int s = 0; s < sims; s++) {
            MetricStats[][] stats = new MetricStats[3][2];
            for (MetricStats[] row : stats) {
                row[0] = MetricStats.empty();
                row[1] = MetricStats.empty();
            }
            for (int i = 0; i < 2_000; i++) {
                int g = i % 2;
                double[] c = covariates(rng);
                for (int k = 0; k < 3; k++) {
                    stats[k][g] = stats[k][g].add(c[k]);
                }
            }
            if (table(stats).anyFlagged()) {
                anyFlag++;
            }
        }
        double rate = (double) anyFlag / sims;

        // broken: high spenders lean to treatment
        MetricStats[][] broken = new MetricStats[3][2];
        for (MetricStats[] row : broken) {
            row[0] = MetricStats.empty();
            row[1] = MetricStats.empty();
        }
        for (int i = 0; i < 10_000; i++) {
            double[] c = covariates(rng);
            double pTreatment = c[0] > 50 ? 0.55 : 0.45;
            int g = rng.nextDouble() < pTreatment ? 1 : 0;
            for (int k = 0; k < 3; k++) {
                broken[k][g] = broken[k][g].add(c[k]);
            }
        }
        Balance.Table brokenTable = table(broken);
        Balance.Row spend = brokenTable.rows().get(0);
        System.out.printf("balance: any of 3 covariates flagged in %.1f%% of randomized experiments; broken assignment:"
                + " spend SMD %.3f, p %.1e%n", 100 * rate, spend.smd(), spend.pValue());
        assertTrue(rate <= 0.01, "flag rate " + rate);
        assertTrue(spend.flagged());
        assertTrue(brokenTable.anyFlagged());
        assertTrue(spend.smd() > 0.05, "SMD " + spend.smd());
    }

    private static Balance.Table table(MetricStats[][] stats) {
        return Balance.table(List.of(new Balance.Covariate("pre-period spend", stats[0][0], stats[0][1]),
                new Balance.Covariate("calls in 90 days", stats[1][0], stats[1][1]),
                new Balance.Covariate("tenure in months", stats[2][0], stats[2][1])));
    }

    /** {pre-period spend, calls in 90 days, tenure in months} of one customer. */
    private static double[] covariates(RandomDataGenerator rng) {
        double spend = Customers.revenue(rng, 0.0)[1];
        double calls = rng.nextPoisson(2.0);
        double tenure = rng.nextGamma(2.0, 18.0);
        return new double[] {spend, calls, tenure};
    }
}
