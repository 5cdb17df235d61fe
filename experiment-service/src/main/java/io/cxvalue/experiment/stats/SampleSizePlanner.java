package io.cxvalue.experiment.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * How many units an experiment needs, and how long that takes, to detect a given absolute effect with a two-sided
 * test; and the inverse, the minimum detectable effect (MDE) of a given number of units.
 *
 * <p>With allocation weights w_c (control) and w_t (treatment) of N units in total, the difference of means has
 * variance σ&sup2;(1/(w_c N) + 1/(w_t N)); detecting δ with a two-sided level-α test and power 1 − β needs, by the
 * normal approximation,
 * <pre>
 *   N = (z_{1−α/2} + z_{1−β})&sup2; σ&sup2; (1/w_c + 1/w_t) / δ&sup2;
 * </pre>
 * (e.g. Chow, Shao and Wang, "Sample Size Calculations in Clinical Research", chapter 3; Kohavi, Tang and Xu 2020,
 * "Trustworthy Online Controlled Experiments", chapter 17). The variant sizes are n_i = &lceil;w_i N&rceil; and the
 * duration &lceil;&Sigma;n_i / eligible units per day&rceil; days. σ&sup2; is the metric's variance per unit, best
 * taken from pre-period data of the same population; it is assumed the same in all variants. The normal
 * approximation ignores the t distribution's heavier tails: for tiny samples it is about one unit per group short
 * (δ = 0.5σ, α = 0.05, power 0.8: 63 per group by z, 64 by t); at experiment sizes the difference is nil.
 *
 * <p>With several treatments (weights: control first, then each treatment; all weights sum to 1 over all variants)
 * each treatment is compared with the control, and N is the largest of the pairs' requirements, so that every
 * comparison gets at least the requested power; the MDE is likewise the largest of the pairs' MDEs. α is used as
 * given: to correct for the k comparisons (e.g. Bonferroni), pass α/k.
 */
public final class SampleSizePlanner {

    private SampleSizePlanner() {
    }

    /**
     * A plan.
     *
     * @param totalUnits        &Sigma;n_i
     * @param unitsPerVariant   n_i in the order of the weights (control first)
     * @param days              &lceil;totalUnits / eligible units per day&rceil;
     * @param exactTotal        the unrounded N of the formula
     */
    public record Plan(long totalUnits, List<Long> unitsPerVariant, long days, double exactTotal) {

        public Plan {
            unitsPerVariant = List.copyOf(unitsPerVariant);
        }
    }

    /**
     * Units and days needed.
     *
     * @param alpha                two-sided significance level, e.g. 0.05
     * @param power                1 − β, e.g. 0.8
     * @param minimumEffect        δ &gt; 0, the absolute difference in means to detect
     * @param variance             σ&sup2; &gt; 0 per unit
     * @param weights              allocation weights, control first, at least 2, each &gt; 0, summing to 1
     * @param eligibleUnitsPerDay  units entering the experiment per day (&gt; 0)
     */
    public static Plan plan(double alpha, double power, double minimumEffect, double variance, double[] weights,
            double eligibleUnitsPerDay) {
        checkWeights(weights);
        if (!(minimumEffect > 0) || Double.isInfinite(minimumEffect)) {
            throw new IllegalArgumentException("minimum effect must be finite and > 0: " + minimumEffect);
        }
        if (!(eligibleUnitsPerDay > 0)) {
            throw new IllegalArgumentException("eligible units per day must be > 0: " + eligibleUnitsPerDay);
        }
        checkVariance(variance);
        double z = zSum(alpha, power);
        double total = z * z * variance * worstPair(weights) / (minimumEffect * minimumEffect);
        List<Long> perVariant = new ArrayList<>(weights.length);
        long sum = 0;
        for (double w : weights) {
            long n = ceil(w * total);
            perVariant.add(n);
            sum += n;
        }
        return new Plan(sum, perVariant, ceil(sum / eligibleUnitsPerDay), total);
    }

    /**
     * The smallest absolute effect detectable with the given number of units in total:
     * δ = (z_{1−α/2} + z_{1−β}) σ &radic;((1/w_c + 1/w_t)/N), the largest over the treatments.
     */
    public static double minimumDetectableEffect(double alpha, double power, double variance, double[] weights,
            long totalUnits) {
        checkWeights(weights);
        checkVariance(variance);
        if (totalUnits < 1) {
            throw new IllegalArgumentException("total units must be >= 1: " + totalUnits);
        }
        return zSum(alpha, power) * Math.sqrt(variance * worstPair(weights) / totalUnits);
    }

    /** z_{1−α/2} + z_{1−β}, after checking the arguments. */
    private static double zSum(double alpha, double power) {
        Distributions.checkAlpha(alpha);
        if (!(power > 0 && power < 1)) {
            throw new IllegalArgumentException("power must be in (0, 1): " + power);
        }
        return Distributions.normalQuantile(1 - alpha / 2) + Distributions.normalQuantile(power);
    }

    /** max over treatments k of 1/w_c + 1/w_k. */
    private static double worstPair(double[] weights) {
        double worst = 0;
        for (int k = 1; k < weights.length; k++) {
            worst = Math.max(worst, 1 / weights[0] + 1 / weights[k]);
        }
        return worst;
    }

    private static void checkVariance(double variance) {
        if (!(variance > 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException("variance must be finite and > 0: " + variance);
        }
    }

    private static void checkWeights(double[] weights) {
        if (weights.length < 2) {
            throw new IllegalArgumentException("need weights for a control and at least one treatment");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w > 0)) {
                throw new IllegalArgumentException("weights must be > 0: " + w);
            }
            sum += w;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("weights must sum to 1: " + sum);
        }
    }

    /** The ceiling, ignoring rounding dust. */
    private static long ceil(double x) {
        // w·N computed in floating point can land a hair above an exact integer (63.000000000001 -> 64)
        return (long) Math.ceil(x * (1 - 1e-12));
    }
}
