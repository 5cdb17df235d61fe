package io.cxvalue.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

class HeterogeneityTest {

    /**
     * Effects 1 (SE 0.5), 2 (SE 0.5), 4 (SE 1): weights 4, 4, 1, pooled effect 16/9, pooled SE 1/3,
     * Q = 4(1 − 16/9)&sup2; + 4(2 − 16/9)&sup2; + (4 − 16/9)&sup2; = 68/9, and with 2 degrees of freedom the
     * chi-squared tail has the closed form exp(−Q/2) = exp(−34/9) = 0.022878; I&sup2; = (68/9 − 2)/(68/9) = 50/68.
     */
    @Test
    void threeSubgroupsByHand() {
        Heterogeneity.Result r = Heterogeneity.test(List.of(new Heterogeneity.Subgroup("GOLD", 1, 0.5),
                new Heterogeneity.Subgroup("SILVER", 2, 0.5), new Heterogeneity.Subgroup("BRONZE", 4, 1)));
        assertEquals(16.0 / 9, r.pooledEffect(), 1e-14);
        assertEquals(1.0 / 3, r.pooledStandardError(), 1e-14);
        assertEquals(68.0 / 9, r.q(), 1e-13);
        assertEquals(2, r.degreesOfFreedom());
        assertEquals(Math.exp(-34.0 / 9), r.pValue(), 1e-13);
        assertEquals(50.0 / 68, r.iSquared(), 1e-13);
        assertTrue(r.heterogeneous(0.05));
    }

    @Test
    void identicalEffectsGiveQZero() {
        Heterogeneity.Result r = Heterogeneity.test(List.of(new Heterogeneity.Subgroup("a", 2, 1),
                new Heterogeneity.Subgroup("b", 2, 3)));
        assertEquals(0.0, r.q());
        assertEquals(1.0, r.pValue());
        assertEquals(0.0, r.iSquared());
        assertThrows(IllegalArgumentException.class,
                () -> Heterogeneity.test(List.of(new Heterogeneity.Subgroup("a", 2, 1))));
        assertThrows(IllegalArgumentException.class, () -> new Heterogeneity.Subgroup("a", 2, 0));
    }

    /**
     * Value tiers with different levels and spreads, effects estimated by Welch within each tier: GOLD 300 customers
     * per arm (mean 200, sd 80), SILVER 700 (100, 40), BRONZE 1,000 (40, 20). With the same effect +5 in every tier,
     * Q at α = 5 % must reject in 3.6–6.4 % of 2,000 experiments (&plusmn; 2.9 binomial SE). With GOLD's effect
     * +30 instead (noncentrality about 14, power about 94 %), it must reject in at least 85 % of 500.
     */
    @Test
    void falsePositiveRateNearAlphaAndDetectsAPlantedDifference() {
        RandomDataGenerator rng = new RandomDataGenerator(20240609L);
        double homogeneous = rejectionRate(rng, 2_000, 5);
        double planted = rejectionRate(rng, 500, 30);
        System.out.printf("Cochran's Q at alpha 5%%: %.1f%% rejections without heterogeneity, %.1f%% with GOLD +30 vs"
                + " +5%n", 100 * homogeneous, 100 * planted);
        assertTrue(homogeneous >= 0.036 && homogeneous <= 0.064, "false-positive rate " + homogeneous);
        assertTrue(planted >= 0.85, "detection rate " + planted);
    }

    private static double rejectionRate(RandomDataGenerator rng, int sims, double goldEffect) {
        String[] names = {"GOLD", "SILVER", "BRONZE"};
        int[] sizes = {300, 700, 1_000};
        double[] means = {200, 100, 40};
        double[] sds = {80, 40, 20};
        double[] effects = {goldEffect, 5, 5};
        int rejected = 0;
        for (int s = 0; s < sims; s++) {
            List<Heterogeneity.Subgroup> tiers = new ArrayList<>();
            for (int k = 0; k < names.length; k++) {
                MetricStats control = MetricStats.empty();
                MetricStats treatment = MetricStats.empty();
                for (int i = 0; i < sizes[k]; i++) {
                    control = control.add(means[k] + sds[k] * rng.nextGaussian());
                    treatment = treatment.add(means[k] + effects[k] + sds[k] * rng.nextGaussian());
                }
                tiers.add(Heterogeneity.Subgroup.of(names[k],
                        WelchTest.compare(Estimate.of(control), Estimate.of(treatment))));
            }
            if (Heterogeneity.test(tiers).heterogeneous(0.05)) {
                rejected++;
            }
        }
        return (double) rejected / sims;
    }
}
