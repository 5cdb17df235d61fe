package io.cxvalue.experiment.stats;

/**
 * One group's estimate of a metric (a mean, a ratio or a CUPED-adjusted mean), the estimated variance of that
 * estimate (its squared standard error), and the degrees of freedom of that variance estimate, which
 * {@link WelchTest} combines by Welch–Satterthwaite.
 *
 * <p>Degrees of freedom: n − 1 for a sample mean; n − 1 (n = randomization units) for a delta-method ratio, since
 * its variance is the sample variance of the n linearized unit values over n; {@link Double#POSITIVE_INFINITY} for
 * a normal reference (a variance treated as known).
 *
 * @param value            the estimate
 * @param variance         the estimated variance of the estimate (&ge; 0)
 * @param degreesOfFreedom of the variance estimate (&gt; 0, may be infinite)
 */
public record Estimate(double value, double variance, double degreesOfFreedom) {

    public Estimate {
        if (!(variance >= 0) && !Double.isNaN(variance)) {
            throw new IllegalArgumentException("variance must be >= 0: " + variance);
        }
        if (!(degreesOfFreedom > 0) && !Double.isNaN(degreesOfFreedom)) {
            throw new IllegalArgumentException("degrees of freedom must be > 0: " + degreesOfFreedom);
        }
    }

    /** The sample mean of y, with variance s&sup2;/n and n − 1 degrees of freedom (NaN below 2 units). */
    public static Estimate of(MetricStats stats) {
        long n = stats.count();
        return new Estimate(n == 0 ? Double.NaN : stats.mean(), stats.varianceOfMean(),
                n < 2 ? Double.NaN : n - 1.0);
    }

    /** The ratio with its delta-method variance and n − 1 degrees of freedom (n = randomization units). */
    public static Estimate of(RatioStats stats) {
        long n = stats.count();
        return new Estimate(stats.ratio(), stats.variance(), n < 2 ? Double.NaN : n - 1.0);
    }

    /** &radic;variance. */
    public double standardError() {
        return Math.sqrt(variance);
    }
}
