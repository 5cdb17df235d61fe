package io.cxvalue.experiment.stats;

/**
 * Always-valid (anytime-valid) inference for the difference in means, so that results can be looked at every day and
 * the experiment stopped at any look without inflating the false-positive rate.
 *
 * <p>Method: the asymptotic confidence sequence with the two-sided Gaussian mixture boundary of Waudby-Smith, Arbour,
 * Sinha, Kennedy and Ramdas, "Time-uniform central limit theory and asymptotic confidence sequences", Annals of
 * Statistics 2024 (arXiv:2103.06476). After t units,
 * <pre>
 *   Δ̂_t &plusmn; σ̂_t &radic;( 2(tρ&sup2; + 1)/(t&sup2;ρ&sup2;) · ln( &radic;(tρ&sup2; + 1) / α ) )
 * </pre>
 * covers the true difference at all t simultaneously with probability &ge; 1 − α asymptotically. For a randomized
 * experiment the per-unit standard deviation σ̂_t is written through the difference estimator's variance:
 * Var(Δ̂_t) = σ&sup2;_eff/t, so σ̂_t = &radic;(t·SE&sup2;) with SE the usual (Welch) standard error and t the
 * number of units in both groups together. The half-width is then SE·c_t with
 * <pre>
 *   c_t = &radic;( (tρ&sup2; + 1)/(tρ&sup2;) · (ln(tρ&sup2; + 1) − 2 ln α) )
 * </pre>
 * in place of the fixed-horizon z_{1−α/2} (1.96 for α = 0.05). ρ&sup2; is a tuning parameter that decides at which
 * sample size the sequence is narrowest; {@link #tuning(double, long)} picks it for the planned sample size as in
 * that paper: ρ&sup2; = (−2 ln α + ln(−2 ln α + 1))/n_planned. At t = n_planned and α = 0.05, c_t &asymp; 3.03.
 *
 * <p>Where the boundary comes from: with S_t the sum of t standardized per-unit contributions, the Gaussian
 * mixture over λ ~ N(0, ρ&sup2;) of exp(λS_t − λ&sup2;t/2) is
 * (1 + tρ&sup2;)^(−1/2)·exp(ρ&sup2;S_t&sup2;/(2(1 + tρ&sup2;))), a nonnegative martingale with mean 1 under the
 * null; Ville's inequality bounds the chance that it ever exceeds 1/α by α, and solving for |S_t| gives the interval
 * above (symmetric, hence two-sided with the full α).
 *
 * <p>Always-valid p-value: the sequence at level α excludes 0 exactly when
 * p_t = &radic;(1 + tρ&sup2;)·exp(−z&sup2;/2 · tρ&sup2;/(1 + tρ&sup2;)) &lt; α, z = Δ̂_t/SE. p_t is the reciprocal
 * of the Gaussian-mixture likelihood ratio, which is the mixture sequential probability ratio test (mSPRT) of
 * Johari, Koomen, Pekelis and Walsh, "Always Valid Inference: Continuous Monitoring of A/B Tests" (Operations
 * Research, 2022) with mixing variance τ&sup2; = ρ&sup2;σ&sup2;_eff: the two methods are the same boundary. The
 * always-valid p-value is the running minimum of p_t over all looks so far, and the always-valid interval may
 * likewise be the running intersection of the intervals; {@link Monitor} keeps both.
 *
 * <p>Validity is asymptotic (σ̂_t consistent, a central limit theorem for the per-unit contributions), like every
 * fixed-horizon z or Welch interval; the simulations in the tests check it with daily looks starting at a few hundred
 * units. Units are counted as they arrive in either group; the estimate and SE at each look are the ordinary ones
 * (e.g. from {@link WelchTest}).
 */
public final class AlwaysValid {

    private AlwaysValid() {
    }

    /**
     * One look.
     *
     * @param estimate the estimated difference Δ̂_t
     * @param lower    Δ̂_t − SE·c_t
     * @param upper    Δ̂_t + SE·c_t
     * @param pValue   p_t at this look (not yet minimized over looks)
     * @param units    t
     */
    public record Interval(double estimate, double lower, double upper, double pValue, long units) {

        /** Whether the interval lies entirely above or below the value. */
        public boolean excludes(double value) {
            return value < lower || value > upper;
        }
    }

    /**
     * The running state across looks: the intersection of the intervals so far and the minimum of their p-values.
     * Both stay valid at level α simultaneously for all looks (the sequence covers the truth at all times with
     * probability &ge; 1 − α, hence so does the intersection). Intersection and minimum are associative, so monitors
     * over consecutive stretches of looks can be {@link #merge merged}. An empty intersection (lower &gt; upper) means
     * the intervals contradict each other, which under the method's assumptions happens with probability &le; α and
     * otherwise points at an effect that changes over time.
     *
     * @param lower  largest lower end so far
     * @param upper  smallest upper end so far
     * @param pValue smallest p-value so far (the always-valid p-value)
     * @param looks  number of looks so far
     */
    public record Monitor(double lower, double upper, double pValue, int looks) {

        private static final Monitor START = new Monitor(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1.0, 0);

        /** Before the first look. */
        public static Monitor start() {
            return START;
        }

        /** After one more look; a look with NaN values (no variance yet) changes nothing but the count. */
        public Monitor next(Interval look) {
            double lo = Double.isNaN(look.lower()) ? lower : Math.max(lower, look.lower());
            double hi = Double.isNaN(look.upper()) ? upper : Math.min(upper, look.upper());
            double p = Double.isNaN(look.pValue()) ? pValue : Math.min(pValue, look.pValue());
            return new Monitor(lo, hi, p, looks + 1);
        }

        /** The state after the looks of both monitors. */
        public Monitor merge(Monitor other) {
            return new Monitor(Math.max(lower, other.lower), Math.min(upper, other.upper),
                    Math.min(pValue, other.pValue), looks + other.looks);
        }

        /** Whether the sequence has rejected the value (no difference: 0) at level alpha at some look. */
        public boolean excludes(double value) {
            return value < lower || value > upper;
        }
    }

    /**
     * ρ&sup2; that makes the sequence (approximately) narrowest at the planned number of units, as chosen in
     * Waudby-Smith et al.: (−2 ln α + ln(−2 ln α + 1)) / n_planned.
     */
    public static double tuning(double alpha, long plannedUnits) {
        Distributions.checkAlpha(alpha);
        if (plannedUnits < 1) {
            throw new IllegalArgumentException("planned units must be >= 1: " + plannedUnits);
        }
        double l = -2 * Math.log(alpha);
        return (l + Math.log(l + 1)) / plannedUnits;
    }

    /**
     * The confidence sequence at one look.
     *
     * @param estimate      the estimated difference in means (treatment − control)
     * @param standardError its estimated standard error
     * @param units         t, units observed so far in both groups together (&ge; 1)
     * @param alpha         1 − coverage, over all looks together
     * @param rhoSquared    the tuning parameter ρ&sup2; &gt; 0, fixed before the experiment (see {@link #tuning})
     * @return the interval with p_t; NaN ends and p-value when the standard error is not &gt; 0
     */
    public static Interval confidenceSequence(double estimate, double standardError, long units, double alpha,
            double rhoSquared) {
        Distributions.checkAlpha(alpha);
        if (units < 1) {
            throw new IllegalArgumentException("units must be >= 1: " + units);
        }
        if (!(rhoSquared > 0) || Double.isInfinite(rhoSquared)) {
            throw new IllegalArgumentException("rho^2 must be finite and > 0: " + rhoSquared);
        }
        if (!(standardError > 0) || Double.isInfinite(standardError) || !Double.isFinite(estimate)) {
            return new Interval(estimate, Double.NaN, Double.NaN, Double.NaN, units);
        }
        double h = units * rhoSquared;
        double c = Math.sqrt((h + 1) / h * (Math.log1p(h) - 2 * Math.log(alpha)));
        double z = estimate / standardError;
        // ln p_t = ln(1 + h)/2 - z^2/2 * h/(1 + h); computed in logs so that large z gives 0 rather than NaN
        double p = Math.min(1.0, Math.exp(0.5 * Math.log1p(h) - 0.5 * z * z * h / (1 + h)));
        return new Interval(estimate, estimate - c * standardError, estimate + c * standardError, p, units);
    }

    /** The confidence sequence at one look for a {@link Comparison}'s difference and standard error. */
    public static Interval confidenceSequence(Comparison comparison, long units, double alpha, double rhoSquared) {
        return confidenceSequence(comparison.difference(), comparison.standardError(), units, alpha, rhoSquared);
    }

    /** The multiplier c_t of the standard error (the half-width in standard errors). */
    static double multiplier(long units, double alpha, double rhoSquared) {
        double h = units * rhoSquared;
        return Math.sqrt((h + 1) / h * (Math.log1p(h) - 2 * Math.log(alpha)));
    }
}
