package io.cxvalue.reporting.stats;

import org.hipparchus.stat.interval.BinomialProportion;
import org.hipparchus.stat.interval.ConfidenceInterval;

/** Intervals for shares and their ratios, shared by the analyses that compare groups of contacts or comments. */
public final class Proportions {

    /** The standard normal quantile of a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    private Proportions() {
    }

    /**
     * The relative risk of a/n against c/m with its Katz 95 % interval (a half added to every cell when one is
     * empty): {rr, low, high}; null when either group is empty.
     */
    public static double[] relativeRisk(long a, long n, long c, long m) {
        if (n == 0 || m == 0) {
            return null;
        }
        double x = a;
        double nx = n;
        double y = c;
        double ny = m;
        if (a == 0 || c == 0) {
            x += 0.5;
            nx += 1;
            y += 0.5;
            ny += 1;
        }
        double rr = (x / nx) / (y / ny);
        double se = Math.sqrt(1 / x - 1 / nx + 1 / y - 1 / ny);
        return new double[] {rr, rr * Math.exp(-Z95 * se), rr * Math.exp(Z95 * se)};
    }

    /** Wilson's 95 % interval of k successes in n (Hipparchus): {low, high}; null when n is 0. */
    public static double[] wilson(long k, long n) {
        if (n == 0) {
            return null;
        }
        ConfidenceInterval ci = BinomialProportion.getWilsonScoreInterval(Math.toIntExact(n), (double) k / n, 0.95);
        return new double[] {ci.getLowerBound(), ci.getUpperBound()};
    }
}
