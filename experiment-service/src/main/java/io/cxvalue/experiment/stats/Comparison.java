package io.cxvalue.experiment.stats;

/**
 * Treatment versus control, as computed by {@link WelchTest}.
 *
 * @param control            the control group's estimate
 * @param treatment          the treatment group's estimate
 * @param confidenceLevel    of both intervals, e.g. 0.95
 * @param difference         treatment − control
 * @param standardError      of the difference: &radic;(Var_t + Var_c)
 * @param degreesOfFreedom   Welch–Satterthwaite; infinite for a normal reference
 * @param statistic          difference / standardError
 * @param pValue             two-sided, for the null hypothesis of no difference
 * @param lower              lower end of the confidence interval of the difference
 * @param upper              upper end of the confidence interval of the difference
 * @param relativeLift       treatment / control − 1
 * @param liftStandardError  delta-method standard error of the relative lift
 * @param liftLower          lower end of the confidence interval of the relative lift
 * @param liftUpper          upper end of the confidence interval of the relative lift
 */
public record Comparison(Estimate control, Estimate treatment, double confidenceLevel, double difference,
        double standardError, double degreesOfFreedom, double statistic, double pValue, double lower, double upper,
        double relativeLift, double liftStandardError, double liftLower, double liftUpper) {

    /** Whether the two-sided test rejects "no difference" at significance level alpha. */
    public boolean significant(double alpha) {
        return pValue < alpha;
    }

    /** Whether the difference's confidence interval contains the value. */
    public boolean covers(double trueDifference) {
        return lower <= trueDifference && trueDifference <= upper;
    }

    /** Whether the relative lift's confidence interval contains the value. */
    public boolean liftCovers(double trueLift) {
        return liftLower <= trueLift && trueLift <= liftUpper;
    }
}
