package io.cxvalue.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

class CupedTest {

    /**
     * Group A (y, x): (1, 1), (3, 2), (2, 3): means 2, 2, S_xx = 2, S_xy = 1, S_yy = 2. Group B: (5, 2), (6, 4),
     * (7, 3): means 6, 3, S_xx = 2, S_xy = 1, S_yy = 2. θ = (1 + 1)/(2 + 2) = 0.5, x̄ = 2.5; adjusted means
     * 2 − 0.5(2 − 2.5) = 2.25 and 6 − 0.5(3 − 2.5) = 5.75; adjusted variances (2 − 2·0.5·1 + 0.25·2)/2/3 = 0.25;
     * variance reduction (1 + 1)&sup2;/(4·4) = 0.25.
     */
    @Test
    void smallExampleByHand() {
        MetricStats a = MetricStats.of(new double[] {1, 3, 2}, new double[] {1, 2, 3});
        MetricStats b = MetricStats.of(new double[] {5, 6, 7}, new double[] {2, 4, 3});
        Cuped.Result r = Cuped.adjust(List.of(a, b));
        assertEquals(0.5, r.theta(), 1e-15);
        assertEquals(2.5, r.covariateMean(), 1e-15);
        assertEquals(0.25, r.varianceReduction(), 1e-15);
        assertEquals(2.25, r.adjusted().get(0).value(), 1e-15);
        assertEquals(5.75, r.adjusted().get(1).value(), 1e-15);
        assertEquals(0.25, r.adjusted().get(0).variance(), 1e-15);
        assertEquals(0.25, r.adjusted().get(1).variance(), 1e-15);
        assertEquals(2.0, r.adjusted().get(0).degreesOfFreedom());
        assertEquals(Estimate.of(a), r.unadjusted().get(0));
    }

    /**
     * Independent check: with a pooled within-group θ, the CUPED difference is the treatment coefficient of the
     * ANCOVA regression y ~ 1 + treated + x, and θ its slope on x (Hipparchus' OLS regression).
     */
    @Test
    void equalsTheAncovaRegressionCoefficient() {
        RandomDataGenerator rng = new RandomDataGenerator(8L);
        int n = 2_000;
        double[] y = new double[2 * n];
        double[][] design = new double[2 * n][];
        MetricStats control = MetricStats.empty();
        MetricStats treatment = MetricStats.empty();
        for (int i = 0; i < 2 * n; i++) {
            boolean treated = i >= n;
            double[] c = Customers.revenue(rng, treated ? 0.1 : 0.0);
            y[i] = c[0];
            design[i] = new double[] {treated ? 1 : 0, c[1]};
            if (treated) {
                treatment = treatment.add(c[0], c[1]);
            } else {
                control = control.add(c[0], c[1]);
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, design);
        double[] beta = ols.estimateRegressionParameters();
        Cuped.Result r = Cuped.adjust(List.of(control, treatment));
        double difference = r.adjusted().get(1).value() - r.adjusted().get(0).value();
        assertEquals(beta[1], difference, 1e-8 * Math.abs(beta[1]));
        assertEquals(beta[2], r.theta(), 1e-8 * Math.abs(beta[2]));
    }

    @Test
    void noCovariateVarianceLeavesThePlainMeans() {
        MetricStats a = MetricStats.of(new double[] {1, 2, 4});
        MetricStats b = MetricStats.of(new double[] {2, 5, 9});
        Cuped.Result r = Cuped.adjust(List.of(a, b));
        assertEquals(0.0, r.theta());
        assertEquals(0.0, r.varianceReduction());
        assertEquals(r.unadjusted(), r.adjusted());
        assertThrows(IllegalArgumentException.class, () -> Cuped.adjust(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Cuped.adjust(List.of(a, MetricStats.of(new double[] {1}))));
    }

    /**
     * Bivariate normal pre/post values with correlation ρ = 0.7 and a planted effect 0.1 (in standard deviations).
     * Over one large experiment (2 × 100,000) the reported variance reduction must be ρ&sup2; = 0.49 &plusmn; 0.03.
     * Over 2,000 experiments of 2 × 1,000: the CUPED difference must be unbiased (mean within 3 Monte Carlo standard
     * errors of 0.1), its actual variance across experiments must be about (1 − ρ&sup2;) = 0.51 of the plain
     * difference's (&plusmn; 0.05), and its 95 % interval must cover 0.1 in 93.5–96.5 % of them. Also on skewed
     * spend ({@link Customers}, correlation 0.558 by construction), 2 × 100,000: reduction 0.311 &plusmn; 0.03.
     */
    @Test
    void reducesVarianceByRhoSquaredAndStaysUnbiased() {
        double rho = 0.7;
        double effect = 0.1;
        RandomDataGenerator rng = new RandomDataGenerator(20240605L);

        MetricStats[] large = {MetricStats.empty(), MetricStats.empty()};
        for (int g = 0; g < 2; g++) {
            for (int i = 0; i < 100_000; i++) {
                double[] u = normalPair(rng, rho, g == 1 ? effect : 0.0);
                large[g] = large[g].add(u[0], u[1]);
            }
        }
        Cuped.Result big = Cuped.adjust(List.of(large));
        System.out.printf("CUPED, rho = 0.7, 2 x 100,000 units: variance reduction %.4f (rho^2 = 0.49), theta %.4f%n",
                big.varianceReduction(), big.theta());
        assertEquals(rho * rho, big.varianceReduction(), 0.03);
        assertEquals(rho, big.theta(), 0.03);

        MetricStats[] spend = {MetricStats.empty(), MetricStats.empty()};
        for (int g = 0; g < 2; g++) {
            for (int i = 0; i < 100_000; i++) {
                double[] c = Customers.revenue(rng, g == 1 ? 0.05 : 0.0);
                spend[g] = spend[g].add(c[0], c[1]);
            }
        }
        double spendReduction = Cuped.adjust(List.of(spend)).varianceReduction();
        System.out.printf("CUPED on skewed spend, 2 x 100,000 units: variance reduction %.4f (rho^2 = 0.311)%n",
                spendReduction);
        assertEquals(0.558 * 0.558, spendReduction, 0.03);

        int sims = 2_000;
        MetricStats cupedEstimates = MetricStats.empty();
        MetricStats plainEstimates = MetricStats.empty();
        int covered = 0;
        for (int s = 0; s < sims; s++) {
            MetricStats control = MetricStats.empty();
            MetricStats treatment = MetricStats.empty();
            for (int i = 0; i < 1_000; i++) {
                double[] c = normalPair(rng, rho, 0.0);
                control = control.add(c[0], c[1]);
                double[] t = normalPair(rng, rho, effect);
                treatment = treatment.add(t[0], t[1]);
            }
            Comparison cuped = Cuped.compare(control, treatment, 0.95);
            cupedEstimates = cupedEstimates.add(cuped.difference());
            plainEstimates = plainEstimates.add(treatment.mean() - control.mean());
            if (cuped.covers(effect)) {
                covered++;
            }
        }
        double bias = cupedEstimates.mean() - effect;
        double monteCarloSe = Math.sqrt(cupedEstimates.varianceOfMean());
        double varianceRatio = cupedEstimates.variance() / plainEstimates.variance();
        double coverage = (double) covered / sims;
        System.out.printf("CUPED over 2,000 experiments: bias %.5f (Monte Carlo SE %.5f), variance of the estimate"
                + " %.3f of the plain one (1 - rho^2 = 0.51), 95%% CI coverage %.1f%%%n", bias, monteCarloSe,
                varianceRatio, 100 * coverage);
        assertTrue(Math.abs(bias) < 3 * monteCarloSe, "bias " + bias);
        assertEquals(1 - rho * rho, varianceRatio, 0.05);
        assertTrue(coverage >= 0.935 && coverage <= 0.965, "CUPED coverage " + coverage);
    }

    /**
     * Skewed revenue-like spend ({@link Customers}) with 20 % new customers who have no pre-period value (recorded
     * as x = 0) and a planted +5 % (true difference 3.5). Over 2,000 experiments of 2 × 1,000 the CUPED interval
     * must still cover the truth in 93.5–96.5 %, the estimate must be unbiased, and variance must be removed.
     */
    @Test
    void coversOnSkewedDataWithMissingPrePeriod() {
        RandomDataGenerator rng = new RandomDataGenerator(20240606L);
        double lift = 0.05;
        double truth = Customers.MEAN_SPEND * lift;
        int sims = 2_000;
        int covered = 0;
        MetricStats estimates = MetricStats.empty();
        MetricStats reductions = MetricStats.empty();
        for (int s = 0; s < sims; s++) {
            MetricStats control = MetricStats.empty();
            MetricStats treatment = MetricStats.empty();
            for (int i = 0; i < 1_000; i++) {
                control = addCustomer(rng, control, 0.0);
                treatment = addCustomer(rng, treatment, lift);
            }
            Cuped.Result r = Cuped.adjust(List.of(control, treatment));
            Comparison c = WelchTest.compare(r.adjusted().get(0), r.adjusted().get(1));
            estimates = estimates.add(c.difference());
            reductions = reductions.add(r.varianceReduction());
            if (c.covers(truth)) {
                covered++;
            }
        }
        double coverage = (double) covered / sims;
        double bias = estimates.mean() - truth;
        double monteCarloSe = Math.sqrt(estimates.varianceOfMean());
        System.out.printf("CUPED on skewed spend, 20%% without pre-period: 95%% CI coverage %.1f%%, bias %.3f"
                + " (Monte Carlo SE %.3f), mean variance reduction %.3f%n", 100 * coverage, bias, monteCarloSe,
                reductions.mean());
        assertTrue(coverage >= 0.935 && coverage <= 0.965, "CUPED coverage " + coverage);
        assertTrue(Math.abs(bias) < 3 * monteCarloSe, "bias " + bias);
        assertTrue(reductions.mean() > 0.05, "variance reduction " + reductions.mean());
    }

    private static MetricStats addCustomer(RandomDataGenerator rng, MetricStats group, double lift) {
        double[] c = Customers.revenue(rng, lift);
        boolean newCustomer = rng.nextDouble() < 0.2;
        return newCustomer ? group.add(c[0]) : group.add(c[0], c[1]);
    }

    /** {y, x}: standard normal x, y = ρx + &radic;(1 − ρ&sup2;)·e + effect. */
    private static double[] normalPair(RandomDataGenerator rng, double rho, double effect) {
        double x = rng.nextGaussian();
        double y = rho * x + Math.sqrt(1 - rho * rho) * rng.nextGaussian() + effect;
        return new double[] {y, x};
    }
}
