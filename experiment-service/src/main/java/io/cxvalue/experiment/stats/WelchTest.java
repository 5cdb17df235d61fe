package io.cxvalue.experiment.stats;

/**
 * Welch's unequal-variances comparison of a treatment and a control {@link Estimate}, with the relative lift.
 *
 * <p>Difference d = μ̂_t − μ̂_c with standard error SE = &radic;(v_t + v_c), v the variances of the two estimates.
 * The reference distribution is Student's t with the Welch–Satterthwaite degrees of freedom
 * <pre>
 *   ν = (v_t + v_c)&sup2; / (v_t&sup2;/ν_t + v_c&sup2;/ν_c)
 * </pre>
 * (Welch 1947; Satterthwaite 1946), ν_i the degrees of freedom of each variance estimate (n_i − 1 for a sample mean,
 * giving the textbook formula). A group with infinite ν_i contributes no term, so two normal-reference estimates give
 * ν = &infin;, i.e. a z-test. For ratio metrics the estimates carry n − 1 degrees of freedom of their randomization
 * units ({@link Estimate#of(RatioStats)}): the delta-method variance is the sample variance of the linearized unit
 * values over n, so this is exactly Welch's test on those values; with thousands of units it is indistinguishable
 * from the normal reference.
 *
 * <p>Relative lift L = μ̂_t/μ̂_c − 1, for independent groups with the delta-method variance
 * <pre>
 *   Var(L) &asymp; v_t/μ_c&sup2; + μ_t&sup2; v_c/μ_c&#8308;
 * </pre>
 * and the interval L &plusmn; c·SE_L with the same critical value c as the difference (a large-sample interval; the t
 * quantile only makes it slightly more conservative in small samples). Its p-value would be that of the difference,
 * so none is reported separately. The lift is NaN when the control estimate is 0.
 *
 * <p>If both variances are 0 (e.g. a metric constant in both groups so far) there is no test: the statistic,
 * p-value and intervals are NaN rather than an arbitrary 0 or 1.
 */
public final class WelchTest {

    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

    private WelchTest() {
    }

    /** Compare at the 95 % level. */
    public static Comparison compare(Estimate control, Estimate treatment) {
        return compare(control, treatment, DEFAULT_CONFIDENCE_LEVEL);
    }

    /** Compare two independent groups' estimates at the given confidence level (two-sided). */
    public static Comparison compare(Estimate control, Estimate treatment, double confidenceLevel) {
        Distributions.checkLevel(confidenceLevel);
        double vc = control.variance();
        double vt = treatment.variance();
        double difference = treatment.value() - control.value();
        double variance = vt + vc;
        double se = Math.sqrt(variance);
        double df = welchSatterthwaite(vc, control.degreesOfFreedom(), vt, treatment.degreesOfFreedom());

        double statistic = Double.NaN;
        double p = Double.NaN;
        double lower = Double.NaN;
        double upper = Double.NaN;
        double critical = Double.NaN;
        if (variance > 0 && Double.isFinite(variance)) {
            statistic = difference / se;
            p = Distributions.twoSidedP(statistic, df);
            critical = Distributions.criticalValue(confidenceLevel, df);
            lower = difference - critical * se;
            upper = difference + critical * se;
        }

        double mc = control.value();
        double mt = treatment.value();
        double lift = mc == 0 ? Double.NaN : mt / mc - 1;
        double liftVariance = mc == 0 ? Double.NaN : vt / (mc * mc) + mt * mt * vc / (mc * mc * mc * mc);
        double liftSe = Math.sqrt(liftVariance);
        double liftLower = lift - critical * liftSe;
        double liftUpper = lift + critical * liftSe;
        return new Comparison(control, treatment, confidenceLevel, difference, se, df, statistic, p, lower, upper,
                lift, liftSe, liftLower, liftUpper);
    }

    /**
     * Welch–Satterthwaite degrees of freedom of v1 + v2 where v_i has df_i degrees of freedom (df_i may be
     * infinite: a known variance).
     */
    static double welchSatterthwaite(double v1, double df1, double v2, double df2) {
        double denominator = term(v1, df1) + term(v2, df2);
        double sum = v1 + v2;
        if (Double.isNaN(denominator) || Double.isNaN(sum)) {
            return Double.NaN;
        }
        if (denominator == 0) {
            return sum > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return sum * sum / denominator;
    }

    private static double term(double v, double df) {
        if (Double.isInfinite(df) || v == 0) {
            return 0.0;
        }
        return v * v / df;
    }
}
