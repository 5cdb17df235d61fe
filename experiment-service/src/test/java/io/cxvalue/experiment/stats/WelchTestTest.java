package io.cxvalue.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class WelchTestTest {

    /**
     * Student's (1908) sleep data (Cushny and Peebles), extra hours of sleep with drug 1 and drug 2, as shipped with R
     * (data set "sleep"). The R documentation example {@code t.test(extra ~ group, data = sleep)} prints:
     * "Welch Two Sample t-test: t = -1.8608, df = 17.776, p-value = 0.07939; 95 percent confidence interval:
     * -3.3654832 0.2054832; mean in group 1 0.75, mean in group 2 2.33". R computes group 1 − group 2, so here group 1
     * is the "treatment".
     */
    static final double[] SLEEP_DRUG_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    static final double[] SLEEP_DRUG_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    @Test
    void matchesRsWelchTestOnStudentsSleepData() {
        Comparison c = compare(SLEEP_DRUG_2, SLEEP_DRUG_1);
        assertEquals(-1.58, c.difference(), 1e-12);
        assertEquals(-1.8608, c.statistic(), 5e-5);
        assertEquals(17.776, c.degreesOfFreedom(), 5e-4);
        assertEquals(0.07939, c.pValue(), 5e-6);
        assertEquals(-3.3654832, c.lower(), 5e-7);
        assertEquals(0.2054832, c.upper(), 5e-7);
    }

    /**
     * A second published output of R's Welch test (a Cross Validated answer on Welch intervals):
     * ts1 = (11, 9, 10, 11, 10, 12, 9, 11, 12, 9), ts2 = (11, 13, 10, 13, 12, 9, 11, 12, 12, 11),
     * {@code t.test(ts1, ts2)}: "t = -1.8325, df = 17.9, p-value = 0.08356; 95 percent confidence interval:
     * -2.1469104 0.1469104".
     */
    @Test
    void matchesASecondPublishedROutput() {
        Comparison c = compare(new double[] {11, 13, 10, 13, 12, 9, 11, 12, 12, 11},
                new double[] {11, 9, 10, 11, 10, 12, 9, 11, 12, 9});
        assertEquals(-1.0, c.difference(), 1e-12);
        assertEquals(-1.8325, c.statistic(), 5e-5);
        assertEquals(17.9, c.degreesOfFreedom(), 0.05);
        assertEquals(0.08356, c.pValue(), 5e-6);
        assertEquals(-2.1469104, c.lower(), 5e-7);
        assertEquals(0.1469104, c.upper(), 5e-7);
    }

    /** Independent implementation: Hipparchus' TTest (Welch statistic and p-value) on data of assorted shapes. */
    @Test
    void agreesWithHipparchusTTest() {
        TTest reference = new TTest();
        RandomDataGenerator rng = new RandomDataGenerator(3L);
        int[][] sizes = {{5, 7}, {12, 40}, {200, 35}, {1_000, 1_000}};
        for (int[] size : sizes) {
            double[] a = new double[size[0]];
            double[] b = new double[size[1]];
            for (int i = 0; i < a.length; i++) {
                a[i] = Customers.spend(rng, 0.0);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = 3 * rng.nextGaussian() + 75;
            }
            Comparison c = compare(a, b);
            // Hipparchus' t(x, y) is (mean x - mean y)/se: treatment first
            assertEquals(reference.t(b, a), c.statistic(), 1e-10 * Math.abs(c.statistic()), "t " + size[0]);
            assertEquals(reference.tTest(b, a), c.pValue(), 1e-8 * c.pValue() + 1e-14, "p " + size[0]);
        }
        Comparison sleep = compare(SLEEP_DRUG_2, SLEEP_DRUG_1);
        assertEquals(reference.tTest(SLEEP_DRUG_1, SLEEP_DRUG_2), sleep.pValue(), 1e-10);
    }

    @Test
    void welchSatterthwaiteReducesToPooledDegreesOfFreedomForEqualGroups() {
        // equal n and variances: (2v)^2 / (2 v^2/(n-1)) = 2(n-1)
        assertEquals(18.0, WelchTest.welchSatterthwaite(0.4, 9, 0.4, 9), 1e-12);
        // a known variance contributes no term
        assertEquals(9.0 * 4, WelchTest.welchSatterthwaite(0.4, 9, 0.4, Double.POSITIVE_INFINITY), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY,
                WelchTest.welchSatterthwaite(0.4, Double.POSITIVE_INFINITY, 0.1, Double.POSITIVE_INFINITY));
    }

    @Test
    void normalReferenceWhenBothVariancesAreKnown() {
        double inf = Double.POSITIVE_INFINITY;
        // z = 1.959964 (the 97.5 % normal quantile) has two-sided p = 0.05
        Comparison c = WelchTest.compare(new Estimate(0, 0.5, inf), new Estimate(1.959964, 0.5, inf), 0.95);
        assertEquals(inf, c.degreesOfFreedom());
        assertEquals(1.959964, c.statistic(), 1e-12);
        assertEquals(0.05, c.pValue(), 1e-7);
        assertEquals(0.0, c.lower(), 1e-6);
        // 99 % level: z_0.995 = 2.5758293
        Comparison c99 = WelchTest.compare(new Estimate(0, 0.5, inf), new Estimate(1.959964, 0.5, inf), 0.99);
        assertEquals(1.959964 + 2.5758293, c99.upper(), 1e-6);
        assertTrue(c.significant(0.051));
        assertFalse(c.significant(0.049));
    }

    /**
     * Relative lift by hand: control 10 (variance 0.25), treatment 11 (variance 0.36), normal reference. L = 0.1,
     * Var(L) = 0.36/10&sup2; + 11&sup2;·0.25/10&#8308; = 0.0036 + 0.003025 = 0.006625.
     */
    @Test
    void relativeLiftByDeltaMethod() {
        double inf = Double.POSITIVE_INFINITY;
        Comparison c = WelchTest.compare(new Estimate(10, 0.25, inf), new Estimate(11, 0.36, inf));
        assertEquals(0.1, c.relativeLift(), 1e-14);
        assertEquals(Math.sqrt(0.006625), c.liftStandardError(), 1e-14);
        assertEquals(0.1 - 1.959964 * Math.sqrt(0.006625), c.liftLower(), 1e-7);
        assertEquals(0.1 + 1.959964 * Math.sqrt(0.006625), c.liftUpper(), 1e-7);
        assertTrue(Double.isNaN(WelchTest.compare(new Estimate(0, 0.25, inf), new Estimate(1, 0.25, inf))
                .relativeLift()));
    }

    @Test
    void noVarianceMeansNoTest() {
        Comparison c = WelchTest.compare(Estimate.of(MetricStats.of(new double[] {1, 1, 1})),
                Estimate.of(MetricStats.of(new double[] {2, 2, 2})));
        assertEquals(1.0, c.difference());
        assertTrue(Double.isNaN(c.pValue()));
        assertTrue(Double.isNaN(c.lower()));
        assertFalse(c.significant(0.05));
    }

    /**
     * A/A: 2,000 experiments of 2 × 1,000 customers with skewed revenue-like spend (30 % non-buyers, log-normal
     * value level, see {@link Customers}) and no effect. At α = 5 % the false-positive rate must lie in 3.6–6.4 %,
     * about 2.9 binomial standard errors (0.49 points at 2,000 experiments) around 5 %, so a correct test fails this
     * by chance in about 0.4 % of seeds.
     */
    @Test
    void aaFalsePositiveRateIsNominal() {
        RandomDataGenerator rng = new RandomDataGenerator(20240603L);
        int sims = 2_000;
        int positives = 0;
        for (int s = 0; s < sims; s++) {
            MetricStats control = MetricStats.empty();
            MetricStats treatment = MetricStats.empty();
            for (int i = 0; i < 1_000; i++) {
                control = control.add(Customers.spend(rng, 0.0));
                treatment = treatment.add(Customers.spend(rng, 0.0));
            }
            if (WelchTest.compare(Estimate.of(control), Estimate.of(treatment)).significant(0.05)) {
                positives++;
            }
        }
        double rate = (double) positives / sims;
        System.out.printf("A/A Welch false-positive rate at alpha 5%%: %.1f%%%n", 100 * rate);
        assertTrue(rate >= 0.036 && rate <= 0.064, "false-positive rate " + rate);
    }

    /**
     * Planted effect: treatment spend × 1.05, so the true difference is 70 × 0.05 = 3.5 and the true relative lift
     * 0.05. The 95 % intervals of both must cover the truth in 93.5–96.5 % of 2,000 experiments of 2 × 1,000
     * (about 3 binomial standard errors either side).
     */
    @Test
    void intervalsCoverThePlantedEffect() {
        RandomDataGenerator rng = new RandomDataGenerator(20240604L);
        int sims = 2_000;
        double lift = 0.05;
        double trueDifference = Customers.MEAN_SPEND * lift;
        int covered = 0;
        int liftCovered = 0;
        for (int s = 0; s < sims; s++) {
            MetricStats control = MetricStats.empty();
            MetricStats treatment = MetricStats.empty();
            for (int i = 0; i < 1_000; i++) {
                control = control.add(Customers.spend(rng, 0.0));
                treatment = treatment.add(Customers.spend(rng, lift));
            }
            Comparison c = WelchTest.compare(Estimate.of(control), Estimate.of(treatment));
            if (c.covers(trueDifference)) {
                covered++;
            }
            if (c.liftCovers(lift)) {
                liftCovered++;
            }
        }
        double coverage = (double) covered / sims;
        double liftCoverage = (double) liftCovered / sims;
        System.out.printf("planted +5%% spend: 95%% CI coverage %.1f%% (difference), %.1f%% (relative lift)%n",
                100 * coverage, 100 * liftCoverage);
        assertTrue(coverage >= 0.935 && coverage <= 0.965, "difference coverage " + coverage);
        assertTrue(liftCoverage >= 0.935 && liftCoverage <= 0.965, "lift coverage " + liftCoverage);
    }

    private static Comparison compare(double[] control, double[] treatment) {
        return WelchTest.compare(Estimate.of(MetricStats.of(control)), Estimate.of(MetricStats.of(treatment)));
    }
}
