package io.cxvalue.experiment.stats;

/**
 * Mergeable sufficient statistics of one metric y in one group (variant), with an optional pre-period covariate x
 * (for {@link Cuped}), kept incrementally as units' values arrive: the count, the means of y and x, and the sums of
 * squared and cross deviations from those means. Immutable: {@link #add} and {@link #merge} return new values.
 *
 * <p>Why deviations rather than the plain sums n, &Sigma;y, &Sigma;y&sup2;, &Sigma;x, &Sigma;x&sup2;, &Sigma;xy: the
 * variance from plain sums, (&Sigma;y&sup2; − (&Sigma;y)&sup2;/n)/(n − 1), subtracts two numbers of size n·mean&sup2;
 * to get one of size n·variance, so it loses log10(mean&sup2;/variance) of the 16 significant digits of a double,
 * and more as rounding errors accumulate in the running sums. For 10^6 values around 1e6 with variance 1 (e.g.
 * handle times in milliseconds) the plain-sums variance is off by 2 % (measured in the tests), around 1e9 it is
 * meaningless, and it can even come out negative. Keeping means and sums of squared deviations, updated one value
 * at a time by Welford's recurrence (Welford 1962, Technometrics 4(3)) and merged by the pairwise formula of Chan,
 * Golub and LeVeque (1979, "Updating formulae and a pairwise algorithm for computing sample variances"), has
 * rounding error that does not grow with the offset (measured: 2e-12 relative at 1e6, 2e-8 at 1e9, for 10^6
 * values one at a time or through a tree of merges). The plain sums are still available ({@link #sum()},
 * {@link #sumX()}).
 *
 * <p>Units with no pre-period value are added with x = 0 ({@link #add(double)}); {@link Cuped} then only uses the
 * covariance it finds, which stays unbiased because x is fixed before randomization.
 *
 * @param count                 number of units n
 * @param mean                  mean of y (0 when n = 0)
 * @param meanX                 mean of x (0 when n = 0)
 * @param sumSquaredDeviations  &Sigma;(y − ȳ)&sup2;
 * @param sumSquaredDeviationsX &Sigma;(x − x̄)&sup2;
 * @param sumCrossDeviations    &Sigma;(x − x̄)(y − ȳ)
 */
public record MetricStats(long count, double mean, double meanX, double sumSquaredDeviations,
        double sumSquaredDeviationsX, double sumCrossDeviations) {

    private static final MetricStats EMPTY = new MetricStats(0, 0, 0, 0, 0, 0);

    public MetricStats {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        if (!Double.isFinite(mean) || !Double.isFinite(meanX) || !Double.isFinite(sumCrossDeviations)
                || !(sumSquaredDeviations >= 0) || !(sumSquaredDeviationsX >= 0)
                || Double.isInfinite(sumSquaredDeviations) || Double.isInfinite(sumSquaredDeviationsX)) {
            throw new IllegalArgumentException("moments must be finite and sums of squares >= 0: " + mean + ", "
                    + meanX + ", " + sumSquaredDeviations + ", " + sumSquaredDeviationsX + ", " + sumCrossDeviations);
        }
    }

    /** No units yet. */
    public static MetricStats empty() {
        return EMPTY;
    }

    /** The statistics of the values y (no covariate). */
    public static MetricStats of(double[] y) {
        return of(y, new double[y.length]);
    }

    /** The statistics of the pairs (y[i], x[i]). */
    public static MetricStats of(double[] y, double[] x) {
        if (y.length != x.length) {
            throw new IllegalArgumentException("y and x differ in length: " + y.length + " vs " + x.length);
        }
        MetricStats s = EMPTY;
        for (int i = 0; i < y.length; i++) {
            s = s.add(y[i], x[i]);
        }
        return s;
    }

    /** One more unit with value y and no pre-period value (x = 0). */
    public MetricStats add(double y) {
        return add(y, 0.0);
    }

    /** One more unit with value y and pre-period covariate x (Welford's update). */
    public MetricStats add(double y, double x) {
        if (!Double.isFinite(y) || !Double.isFinite(x)) {
            throw new IllegalArgumentException("values must be finite: y=" + y + ", x=" + x);
        }
        long n = count + 1;
        double dy = y - mean;
        double dx = x - meanX;
        double newMean = mean + dy / n;
        double newMeanX = meanX + dx / n;
        // (y - old mean)(y - new mean) = dy^2 (n-1)/n, the exact increment of the sum of squared deviations
        return new MetricStats(n, newMean, newMeanX,
                sumSquaredDeviations + dy * (y - newMean),
                sumSquaredDeviationsX + dx * (x - newMeanX),
                sumCrossDeviations + dx * (y - newMean));
    }

    /**
     * The statistics after one unit's values changed from (y, x) to (newY, newX), as a customer's outcome does while
     * their window is open: the count stays, the means move by the change over n, and the sums of deviations by
     * <pre>
     *   ΔS_xy = (x' − x̄)(y' − ȳ) − (x − x̄)(y − ȳ) − Δx·Δy/n     (ȳ, x̄ the means before the change)
     * </pre>
     * which is exact and, like Welford's update, works on deviations rather than raw squares. The unit must be one of
     * those counted.
     */
    public MetricStats replace(double y, double x, double newY, double newX) {
        if (!Double.isFinite(newY) || !Double.isFinite(newX)) {
            throw new IllegalArgumentException("values must be finite: y=" + newY + ", x=" + newX);
        }
        if (count == 0) {
            throw new IllegalStateException("no unit to replace");
        }
        double dy = newY - y;
        double dx = newX - x;
        if (dy == 0 && dx == 0) {
            return this;
        }
        double ey = y - mean;
        double ex = x - meanX;
        double ey2 = newY - mean;
        double ex2 = newX - meanX;
        return new MetricStats(count, mean + dy / count, meanX + dx / count,
                Math.max(0.0, sumSquaredDeviations + ey2 * ey2 - ey * ey - dy * dy / count),
                Math.max(0.0, sumSquaredDeviationsX + ex2 * ex2 - ex * ex - dx * dx / count),
                sumCrossDeviations + ex2 * ey2 - ex * ey - dx * dy / count);
    }

    /** The statistics without one of the counted units (Welford's update reversed). */
    public MetricStats remove(double y, double x) {
        if (count == 0) {
            throw new IllegalStateException("no unit to remove");
        }
        if (count == 1) {
            return EMPTY;
        }
        long n = count - 1;
        double newMean = mean - (y - mean) / n;
        double newMeanX = meanX - (x - meanX) / n;
        return new MetricStats(n, newMean, newMeanX,
                Math.max(0.0, sumSquaredDeviations - (y - newMean) * (y - mean)),
                Math.max(0.0, sumSquaredDeviationsX - (x - newMeanX) * (x - meanX)),
                sumCrossDeviations - (x - newMeanX) * (y - mean));
    }

    /** The statistics of both sets of units together (Chan, Golub and LeVeque's pairwise update). */
    public MetricStats merge(MetricStats other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        long n = count + other.count;
        double dy = other.mean - mean;
        double dx = other.meanX - meanX;
        double weightOther = (double) other.count / n;
        double f = (double) count * weightOther; // n_a n_b / n without overflowing a long
        return new MetricStats(n, mean + dy * weightOther, meanX + dx * weightOther,
                sumSquaredDeviations + other.sumSquaredDeviations + dy * dy * f,
                sumSquaredDeviationsX + other.sumSquaredDeviationsX + dx * dx * f,
                sumCrossDeviations + other.sumCrossDeviations + dx * dy * f);
    }

    /** &Sigma;y. */
    public double sum() {
        return mean * count;
    }

    /** &Sigma;x. */
    public double sumX() {
        return meanX * count;
    }

    /** Sample variance of y (divisor n − 1); NaN for fewer than 2 units. */
    public double variance() {
        return count < 2 ? Double.NaN : sumSquaredDeviations / (count - 1);
    }

    /** Sample variance of x (divisor n − 1); NaN for fewer than 2 units. */
    public double varianceX() {
        return count < 2 ? Double.NaN : sumSquaredDeviationsX / (count - 1);
    }

    /** Sample covariance of y and x (divisor n − 1); NaN for fewer than 2 units. */
    public double covariance() {
        return count < 2 ? Double.NaN : sumCrossDeviations / (count - 1);
    }

    /** Estimated variance of the mean of y, s&sup2;/n; NaN for fewer than 2 units. */
    public double varianceOfMean() {
        return variance() / count;
    }
}
