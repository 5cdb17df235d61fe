package io.cxvalue.experiment.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.special.Erf;
import org.hipparchus.special.Gamma;

/**
 * The reference distributions the tests need, with tail probabilities computed where they are accurate: from the
 * tail itself (erfc, regularized Beta / Gamma) rather than as 1 − cdf, which loses every digit below ~1e-16.
 */
final class Distributions {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    /**
     * Degrees of freedom beyond which the t distribution is replaced by the normal: there the 97.5 % quantiles differ
     * by (z&sup3; + z)/(4ν) &lt; 3e-7, while Hipparchus' t (through the incomplete Beta function) starts to lose
     * accuracy at around 1e11 degrees of freedom.
     */
    static final double NORMAL_BEYOND_DEGREES_OF_FREEDOM = 1e7;

    private Distributions() {
    }

    /** z such that P(Z &le; z) = p for a standard normal Z. */
    static double normalQuantile(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    /** P(Z &gt; z) for a standard normal Z. */
    static double normalUpperTail(double z) {
        return 0.5 * Erf.erfc(z / Math.sqrt(2));
    }

    /**
     * Two-sided p-value P(|T| &ge; |statistic|) for T ~ t with the given degrees of freedom; an infinite number of
     * degrees of freedom (or more than {@link #NORMAL_BEYOND_DEGREES_OF_FREEDOM}) means the standard normal.
     */
    static double twoSidedP(double statistic, double degreesOfFreedom) {
        if (Double.isNaN(statistic) || !(degreesOfFreedom > 0)) {
            return Double.NaN;
        }
        double a = Math.abs(statistic);
        if (degreesOfFreedom > NORMAL_BEYOND_DEGREES_OF_FREEDOM) {
            return Math.min(1.0, 2 * normalUpperTail(a));
        }
        // cdf(-a) is computed from the regularized incomplete Beta function, accurate far into the tail
        return Math.min(1.0, 2 * new TDistribution(degreesOfFreedom).cumulativeProbability(-a));
    }

    /**
     * The two-sided critical value c with P(|T| &le; c) = confidenceLevel for T ~ t(degreesOfFreedom), or the
     * standard normal when degreesOfFreedom is infinite (or above {@link #NORMAL_BEYOND_DEGREES_OF_FREEDOM}).
     */
    static double criticalValue(double confidenceLevel, double degreesOfFreedom) {
        checkLevel(confidenceLevel);
        if (!(degreesOfFreedom > 0)) {
            return Double.NaN;
        }
        double p = 0.5 + confidenceLevel / 2;
        if (degreesOfFreedom > NORMAL_BEYOND_DEGREES_OF_FREEDOM) {
            return normalQuantile(p);
        }
        return new TDistribution(degreesOfFreedom).inverseCumulativeProbability(p);
    }

    /** P(X &ge; q) for X ~ chi-squared(degreesOfFreedom), as the regularized upper incomplete Gamma function. */
    static double chiSquaredUpperTail(double q, double degreesOfFreedom) {
        if (Double.isNaN(q) || !(degreesOfFreedom > 0)) {
            return Double.NaN;
        }
        if (q <= 0) {
            return 1.0;
        }
        if (Double.isInfinite(q)) {
            return 0.0;
        }
        return Gamma.regularizedGammaQ(degreesOfFreedom / 2, q / 2);
    }

    static void checkLevel(double confidenceLevel) {
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1): " + confidenceLevel);
        }
    }

    static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
    }
}
