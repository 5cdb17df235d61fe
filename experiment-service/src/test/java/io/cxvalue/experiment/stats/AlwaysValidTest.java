package io.cxvalue.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

class AlwaysValidTest {

    /**
     * The half-width against the paper's form, computed independently: σ̂_t &radic;(2(tρ&sup2; + 1)/(t&sup2;ρ&sup2;)
     * · ln(&radic;(tρ&sup2; + 1)/α)) with σ̂_t = &radic;(t·SE&sup2;). And the documented value at the planned size:
     * α = 0.05, ρ&sup2; = (5.991465 + ln 6.991465)/n = 7.936155/n, so at t = n: c = &radic;(8.936155/7.936155 ·
     * (ln 8.936155 + 5.991465)) = 3.0352.
     */
    @Test
    void boundaryMatchesThePapersFormula() {
        double alpha = 0.05;
        long planned = 20_000;
        double rho2 = AlwaysValid.tuning(alpha, planned);
        assertEquals(7.936155 / planned, rho2, 1e-5 / planned);
        for (long t : new long[] {1, 10, 500, 20_000, 1_000_000}) {
            double se = 0.37;
            double sigma = Math.sqrt(t * se * se);
            double half = sigma * Math.sqrt(2 * (t * rho2 + 1) / ((double) t * t * rho2)
                    * Math.log(Math.sqrt(t * rho2 + 1) / alpha));
            AlwaysValid.Interval cs = AlwaysValid.confidenceSequence(1.5, se, t, alpha, rho2);
            assertEquals(1.5 - half, cs.lower(), 1e-12 * half, "t=" + t);
            assertEquals(1.5 + half, cs.upper(), 1e-12 * half, "t=" + t);
            // always wider than the fixed-horizon interval
            assertTrue(half > 1.959964 * se);
        }
        assertEquals(3.0352, AlwaysValid.multiplier(planned, alpha, rho2), 1e-4);
    }

    /** p_t &lt; α exactly when the level-α sequence excludes 0, at any t, estimate and SE. */
    @Test
    void pValueIsDualToTheInterval() {
        RandomDataGenerator rng = new RandomDataGenerator(12L);
        double rho2 = AlwaysValid.tuning(0.05, 10_000);
        for (int i = 0; i < 10_000; i++) {
            double estimate = 4 * rng.nextGaussian();
            double se = 0.1 + rng.nextDouble();
            long t = 2 + rng.nextInt(50_000);
            for (double alpha : new double[] {0.01, 0.05, 0.1}) {
                AlwaysValid.Interval cs = AlwaysValid.confidenceSequence(estimate, se, t, alpha, rho2);
                assertEquals(cs.pValue() < alpha, cs.excludes(0.0), "estimate " + estimate + " se " + se + " t " + t);
                assertTrue(cs.pValue() >= 0 && cs.pValue() <= 1);
            }
        }
        // a huge z underflows to 0 rather than NaN
        assertEquals(0.0, AlwaysValid.confidenceSequence(1e6, 1, 100, 0.05, rho2).pValue());
        assertTrue(Double.isNaN(AlwaysValid.confidenceSequence(1, 0, 100, 0.05, rho2).lower()));
        assertThrows(IllegalArgumentException.class, () -> AlwaysValid.confidenceSequence(1, 1, 0, 0.05, rho2));
        assertThrows(IllegalArgumentException.class, () -> AlwaysValid.tuning(0.05, 0));
    }

    @Test
    void monitorIntersectsAndTakesTheMinimum() {
        AlwaysValid.Monitor m = AlwaysValid.Monitor.start()
                .next(new AlwaysValid.Interval(1, -1, 3, 0.4, 100))
                .next(new AlwaysValid.Interval(2, 0.5, 3.5, 0.03, 200))
                .next(new AlwaysValid.Interval(1, -0.5, 2.5, 0.2, 300));
        assertEquals(0.5, m.lower());
        assertEquals(2.5, m.upper());
        assertEquals(0.03, m.pValue());
        assertEquals(3, m.looks());
        assertTrue(m.excludes(0.0));
        AlwaysValid.Monitor first = AlwaysValid.Monitor.start().next(new AlwaysValid.Interval(1, -1, 3, 0.4, 100));
        AlwaysValid.Monitor rest = AlwaysValid.Monitor.start().next(new AlwaysValid.Interval(2, 0.5, 3.5, 0.03, 200))
                .next(new AlwaysValid.Interval(1, -0.5, 2.5, 0.2, 300));
        assertEquals(m, first.merge(rest));
        AlwaysValid.Monitor nan = m.next(new AlwaysValid.Interval(1, Double.NaN, Double.NaN, Double.NaN, 400));
        assertEquals(m.lower(), nan.lower());
        assertEquals(4, nan.looks());
        assertFalse(AlwaysValid.Monitor.start().excludes(0.0));
    }

    /**
     * Daily peeking. 1,000 A/A experiments observed for 30 days; 200 customers a day arrive and are assigned by a
     * fair coin; the metric is skewed revenue-like spend ({@link Customers}). Every day both analyses look at all
     * data so far and the experiment "stops with a winner" the first day the 95 % interval excludes 0:
     * <ul>
     *   <li>the naive fixed-horizon Welch interval, peeked daily, must exceed 8 % false positives (25–30 % is
     *   typical for 30 looks);
     *   <li>the always-valid sequence (ρ&sup2; tuned for the planned 6,000 customers) must stay at or below 5 %.
     * </ul>
     * Then the same with a planted +10 % effect (true difference 7): the always-valid sequence must cover the truth
     * on all 30 days at once in at least 95 % of 1,000 experiments, the time-uniform coverage it promises.
     */
    @Test
    void dailyPeekingKeepsTheFalsePositiveRateForTheAlwaysValidSequenceOnly() {
        RandomDataGenerator rng = new RandomDataGenerator(20240611L);
        int sims = 1_000;
        int days = 30;
        int perDay = 200;
        double alpha = 0.05;
        double rho2 = AlwaysValid.tuning(alpha, (long) days * perDay);

        int naiveStopped = 0;
        int alwaysValidStopped = 0;
        int alwaysValidStoppedAtEnd = 0;
        for (int s = 0; s < sims; s++) {
            boolean naive = false;
            boolean valid = false;
            MetricStats control = MetricStats.empty();
            MetricStats treatment = MetricStats.empty();
            for (int day = 1; day <= days; day++) {
                for (int i = 0; i < perDay; i++) {
                    double y = Customers.spend(rng, 0.0);
                    if (rng.nextBoolean()) {
                        treatment = treatment.add(y);
                    } else {
                        control = control.add(y);
                    }
                }
                Comparison c = WelchTest.compare(Estimate.of(control), Estimate.of(treatment));
                naive |= c.significant(alpha);
                AlwaysValid.Interval cs = AlwaysValid.confidenceSequence(c, (long) day * perDay, alpha, rho2);
                valid |= cs.excludes(0.0);
                if (day == days && cs.excludes(0.0)) {
                    alwaysValidStoppedAtEnd++;
                }
            }
            naiveStopped += naive ? 1 : 0;
            alwaysValidStopped += valid ? 1 : 0;
        }
        double naiveRate = (double) naiveStopped / sims;
        double validRate = (double) alwaysValidStopped / sims;
        System.out.printf("daily peeking, 1,000 A/A experiments x 30 days: false-positive rate %.1f%% naive Welch,"
                + " %.1f%% always-valid (%.1f%% on the last day alone)%n", 100 * naiveRate, 100 * validRate,
                100.0 * alwaysValidStoppedAtEnd / sims);
        assertTrue(naiveRate > 0.08, "naive peeking rate " + naiveRate);
        assertTrue(validRate <= 0.05, "always-valid rate " + validRate);

        double lift = 0.10;
        double truth = Customers.MEAN_SPEND * lift;
        int alwaysCovered = 0;
        int detected = 0;
        for (int s = 0; s < sims; s++) {
            AlwaysValid.Monitor monitor = AlwaysValid.Monitor.start();
            boolean coveredAllDays = true;
            MetricStats control = MetricStats.empty();
            MetricStats treatment = MetricStats.empty();
            for (int day = 1; day <= days; day++) {
                for (int i = 0; i < perDay; i++) {
                    if (rng.nextBoolean()) {
                        treatment = treatment.add(Customers.spend(rng, lift));
                    } else {
                        control = control.add(Customers.spend(rng, 0.0));
                    }
                }
                Comparison c = WelchTest.compare(Estimate.of(control), Estimate.of(treatment));
                AlwaysValid.Interval cs = AlwaysValid.confidenceSequence(c, (long) day * perDay, alpha, rho2);
                coveredAllDays &= !cs.excludes(truth);
                monitor = monitor.next(cs);
            }
            alwaysCovered += coveredAllDays ? 1 : 0;
            detected += monitor.pValue() < alpha ? 1 : 0;
        }
        double uniformCoverage = (double) alwaysCovered / sims;
        System.out.printf("planted +10%% (difference 7): always-valid sequence covered the truth on all 30 days in"
                + " %.1f%%, detected by day 30 in %.1f%%%n", 100 * uniformCoverage, 100.0 * detected / sims);
        assertTrue(uniformCoverage >= 0.95, "time-uniform coverage " + uniformCoverage);
    }
}
