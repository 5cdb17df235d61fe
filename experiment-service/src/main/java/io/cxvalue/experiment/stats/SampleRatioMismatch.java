package io.cxvalue.experiment.stats;

/**
 * Sample ratio mismatch: whether the units observed per variant are consistent with the configured allocation
 * weights, by Pearson's chi-squared goodness-of-fit test
 * <pre>
 *   X&sup2; = &Sigma;_i (O_i − E_i)&sup2; / E_i,   E_i = N w_i / &Sigma;w,   df = k − 1
 * </pre>
 * A mismatch means assignment or logging is broken (a variant's units dropped, redirected or double-counted), and
 * then no effect estimate of the experiment can be trusted, however significant (Fabijan et al. 2019, "Diagnosing
 * Sample Ratio Mismatch in Online Controlled Experiments", KDD). It is flagged at p &lt; {@value #THRESHOLD}, a
 * strict threshold as is usual for this check: it runs on every experiment and every look, so a 5 % threshold would
 * raise false alarms all the time, while real assignment bugs at experiment sample sizes give p-values far below
 * 0.001 (a 49/51 split of 100,000 units planned 50/50 gives X&sup2; = 40, p &asymp; 2.5e-10).
 */
public final class SampleRatioMismatch {

    /** p-value below which a mismatch is reported. */
    public static final double THRESHOLD = 0.001;

    private SampleRatioMismatch() {
    }

    /**
     * @param chiSquare        Pearson's X&sup2;
     * @param degreesOfFreedom k − 1
     * @param pValue           P(chi-squared(k − 1) &ge; X&sup2;)
     * @param total            N, the units observed over all variants
     */
    public record Result(double chiSquare, int degreesOfFreedom, double pValue, long total) {

        /** p &lt; {@value SampleRatioMismatch#THRESHOLD}. */
        public boolean mismatch() {
            return pValue < THRESHOLD;
        }
    }

    /**
     * Test observed counts against allocation weights.
     *
     * @param observed units per variant (&ge; 0, at least one unit in all)
     * @param weights  the configured weights, same order, each &gt; 0 (normalized here, so 50/50 and 0.5/0.5 are the
     *                 same)
     */
    public static Result test(long[] observed, double[] weights) {
        if (observed.length != weights.length || observed.length < 2) {
            throw new IllegalArgumentException("need counts and weights for at least 2 variants, same length: "
                    + observed.length + " vs " + weights.length);
        }
        long total = 0;
        double weightSum = 0;
        for (int i = 0; i < observed.length; i++) {
            if (observed[i] < 0) {
                throw new IllegalArgumentException("counts must be >= 0: " + observed[i]);
            }
            if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weights must be finite and > 0: " + weights[i]);
            }
            total += observed[i];
            weightSum += weights[i];
        }
        if (total == 0) {
            throw new IllegalArgumentException("no units observed");
        }
        double chiSquare = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = total * (weights[i] / weightSum);
            double d = observed[i] - expected;
            chiSquare += d * d / expected;
        }
        int df = observed.length - 1;
        return new Result(chiSquare, df, Distributions.chiSquaredUpperTail(chiSquare, df), total);
    }
}
