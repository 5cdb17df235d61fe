package io.cxvalue.scoring.model.clv;

/**
 * The Gaussian hypergeometric function 2F1(a, b; c; z) for 0 &le; z &lt; 1, as BG/NBD's expectations need it
 * (Hipparchus has no hypergeometric function).
 *
 * <p>Summed as the power series sum_j u_j with u_0 = 1 and u_j = u_{j-1} (a+j-1)(b+j-1) / ((c+j-1) j) z, as in the
 * appendix of Fader, Hardie and Lee (2005) and their note on computing E[X(t)]. The series converges for |z| &lt; 1;
 * the number of terms grows like log(eps) / log(z), e.g. about 360 at z = 0.9 and 3,600 at z = 0.99. Summation
 * stops once the terms are past their peak (|ratio| &lt; 1) and the geometric bound on the remainder,
 * |u_j| q / (1 - q) with q = max(next ratio, z) (the ratios tend to z monotonically), is below {@value #RELATIVE_TOLERANCE} of the sum; it fails loudly rather than return an
 * unconverged value after {@value #MAX_TERMS} terms. The terms can grow very large before they decay (large a and b,
 * e.g. frequent customers), so the sum is rescaled as it goes and the logarithm is returned.
 */
final class Hypergeometric {

    static final double RELATIVE_TOLERANCE = 1e-15;
    static final int MAX_TERMS = 2_000_000;
    private static final double RESCALE_ABOVE = 1e250;

    private Hypergeometric() {
    }

    /**
     * ln 2F1(a, b; c; z) for a, b &gt; 0, c &gt; 0 (all terms positive) and 0 &le; z &lt; 1; safe from overflow.
     */
    static double log2F1(double a, double b, double c, double z) {
        if (!(a > 0 && b > 0 && c > 0)) {
            throw new IllegalArgumentException("log2F1 needs a, b, c > 0: " + a + ", " + b + ", " + c);
        }
        double[] s = sum(a, b, c, z);
        return s[1] + Math.log(s[0]);
    }

    /** 2F1(a, b; c; z) for 0 &le; z &lt; 1 and c not a non-positive integer (any sign of the result). */
    static double value(double a, double b, double c, double z) {
        double[] s = sum(a, b, c, z);
        double v = s[0] * Math.exp(s[1]);
        if (Double.isInfinite(v)) {
            throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") overflows");
        }
        return v;
    }

    /** {scaled sum, ln scale}: 2F1 = scaled sum * exp(ln scale). */
    private static double[] sum(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 needs 0 <= z < 1: " + z);
        }
        if (c <= 0 && c == Math.rint(c)) {
            throw new IllegalArgumentException("2F1 undefined for c a non-positive integer: " + c);
        }
        if (z == 0) {
            return new double[] {1.0, 0.0};
        }
        double term = 1.0;
        double sum = 1.0;
        double logScale = 0.0;
        for (int j = 0; j < MAX_TERMS; j++) {
            double ratio = (a + j) * (b + j) / ((c + j) * (j + 1.0)) * z;
            term *= ratio;
            sum += term;
            if (Math.abs(sum) > RESCALE_ABOVE) {
                sum /= RESCALE_ABOVE;
                term /= RESCALE_ABOVE;
                logScale += Math.log(RESCALE_ABOVE);
            }
            double nextRatio = Math.abs((a + j + 1) * (b + j + 1) / ((c + j + 1) * (j + 2.0)) * z);
            // later ratios approach z monotonically from the next one, so max(nextRatio, z) bounds them all
            double q = Math.max(nextRatio, z);
            if (nextRatio < 1 && Math.abs(term) * q / (1 - q) <= RELATIVE_TOLERANCE * Math.abs(sum)) {
                return new double[] {sum, logScale};
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in "
                + MAX_TERMS + " terms");
    }
}
