package io.cxvalue.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

class SampleSizePlannerTest {

    private static final double[] EVEN = {0.5, 0.5};

    /**
     * The textbook case: δ = 0.5σ, α = 0.05 two-sided, power 0.8, equal groups. (1.959964 + 0.841621)&sup2; = 7.848879,
     * N = 7.848879·4/0.25 = 125.58, 62.79 → 63 per group by the normal approximation (Cohen 1988, "Statistical
     * Power Analysis for the Behavioral Sciences", table 2.4.1, gives 64 with the t distribution; Kohavi, Tang and
     * Xu's rule of thumb 16σ&sup2;/δ&sup2; = 64 rounds the same z formula up).
     */
    @Test
    void textbookHalfStandardDeviation() {
        SampleSizePlanner.Plan plan = SampleSizePlanner.plan(0.05, 0.8, 0.5, 1.0, EVEN, 10);
        assertEquals(125.5821, plan.exactTotal(), 1e-3);
        assertEquals(List.of(63L, 63L), plan.unitsPerVariant());
        assertEquals(126, plan.totalUnits());
        assertEquals(13, plan.days()); // 126 units at 10 a day
        // the same in other units: σ = 20 seconds, δ = 10 seconds
        assertEquals(List.of(63L, 63L), SampleSizePlanner.plan(0.05, 0.8, 10, 400, EVEN, 10).unitsPerVariant());
    }

    /**
     * Two treatments and a control at 50/25/25: each pair's requirement is 7.848879·(1/0.5 + 1/0.25)/δ&sup2; in
     * total units, i.e. 188.37 for δ = 0.5σ; variants ⌈94.19⌉ = 95, ⌈47.09⌉ = 48, 48.
     */
    @Test
    void severalTreatmentsUseTheLargestPairRequirement() {
        SampleSizePlanner.Plan plan = SampleSizePlanner.plan(0.05, 0.8, 0.5, 1.0, new double[] {0.5, 0.25, 0.25}, 100);
        assertEquals(7.848879 * 6 / 0.25, plan.exactTotal(), 1e-3);
        assertEquals(List.of(95L, 48L, 48L), plan.unitsPerVariant());
        assertEquals(191, plan.totalUnits());
        assertEquals(2, plan.days());
        // uneven treatments: the smaller one decides
        SampleSizePlanner.Plan uneven = SampleSizePlanner.plan(0.05, 0.8, 0.5, 1.0, new double[] {0.4, 0.4, 0.2}, 1);
        assertEquals(7.848879 * (1 / 0.4 + 1 / 0.2) / 0.25, uneven.exactTotal(), 1e-3);
    }

    @Test
    void minimumDetectableEffectInvertsThePlan() {
        SampleSizePlanner.Plan plan = SampleSizePlanner.plan(0.05, 0.8, 0.37, 2.5, new double[] {0.3, 0.7}, 50);
        // at the unrounded N the MDE is exactly the planned effect ...
        double z = 1.959964 + 0.841621;
        assertEquals(0.37, z * Math.sqrt(2.5 * (1 / 0.3 + 1 / 0.7) / plan.exactTotal()), 1e-6);
        // ... and at the rounded N slightly smaller
        double mde = SampleSizePlanner.minimumDetectableEffect(0.05, 0.8, 2.5, new double[] {0.3, 0.7},
                plan.totalUnits());
        assertTrue(mde <= 0.37 && mde > 0.369, "mde " + mde);
        // 10,000 units 50/50, σ = 1: 2.801585·√(4/10,000) = 0.0560317
        assertEquals(0.0560317, SampleSizePlanner.minimumDetectableEffect(0.05, 0.8, 1.0, EVEN, 10_000), 1e-6);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> SampleSizePlanner.plan(0.05, 0.8, 0.5, 1, new double[] {1},
                10));
        assertThrows(IllegalArgumentException.class, () -> SampleSizePlanner.plan(0.05, 0.8, 0.5, 1,
                new double[] {0.5, 0.6}, 10));
        assertThrows(IllegalArgumentException.class, () -> SampleSizePlanner.plan(0.05, 1.0, 0.5, 1, EVEN, 10));
        assertThrows(IllegalArgumentException.class, () -> SampleSizePlanner.plan(0.05, 0.8, 0, 1, EVEN, 10));
        assertThrows(IllegalArgumentException.class, () -> SampleSizePlanner.plan(0.05, 0.8, 0.5, 0, EVEN, 10));
        assertThrows(IllegalArgumentException.class, () -> SampleSizePlanner.plan(0.05, 0.8, 0.5, 1, EVEN, 0));
    }

    /**
     * Power at the planned size, two scenarios, 2,000 simulated experiments each, Welch test at α = 0.05; the
     * empirical power must be 80 % within 3 points (binomial SE 0.9 points):
     * <ol>
     *   <li>skewed revenue-like spend ({@link Customers}), σ&sup2; estimated from a pre-period sample of 20,000
     *   customers as in practice, 50/50, treatment adds δ = 10 to every customer's spend;
     *   <li>a normal metric with σ = 20, an uneven 30/70 split, δ = 2.5.
     * </ol>
     */
    @Test
    void simulatedPowerAtThePlannedSizeIsAsRequested() {
        RandomDataGenerator rng = new RandomDataGenerator(20240608L);
        MetricStats prePeriod = MetricStats.empty();
        for (int i = 0; i < 20_000; i++) {
            prePeriod = prePeriod.add(Customers.revenue(rng, 0.0)[1]);
        }
        SampleSizePlanner.Plan spendPlan = SampleSizePlanner.plan(0.05, 0.8, 10, prePeriod.variance(), EVEN, 1_000);
        double spendPower = power(spendPlan, 2_000, () -> Customers.spend(rng, 0.0), 10);

        SampleSizePlanner.Plan normalPlan = SampleSizePlanner.plan(0.05, 0.8, 2.5, 400, new double[] {0.3, 0.7},
                1_000);
        double normalPower = power(normalPlan, 2_000, () -> 20 * rng.nextGaussian(), 2.5);

        System.out.printf("planner: spend 50/50 %s units, simulated power %.1f%%; normal 30/70 %s units,"
                + " simulated power %.1f%%%n", spendPlan.unitsPerVariant(), 100 * spendPower,
                normalPlan.unitsPerVariant(), 100 * normalPower);
        assertEquals(0.8, spendPower, 0.03);
        assertEquals(0.8, normalPower, 0.03);
    }

    private static double power(SampleSizePlanner.Plan plan, int sims, java.util.function.DoubleSupplier unit,
            double effect) {
        int detected = 0;
        for (int s = 0; s < sims; s++) {
            MetricStats control = MetricStats.empty();
            MetricStats treatment = MetricStats.empty();
            for (long i = 0; i < plan.unitsPerVariant().get(0); i++) {
                control = control.add(unit.getAsDouble());
            }
            for (long i = 0; i < plan.unitsPerVariant().get(1); i++) {
                treatment = treatment.add(unit.getAsDouble() + effect);
            }
            if (WelchTest.compare(Estimate.of(control), Estimate.of(treatment)).significant(0.05)) {
                detected++;
            }
        }
        return (double) detected / sims;
    }
}
