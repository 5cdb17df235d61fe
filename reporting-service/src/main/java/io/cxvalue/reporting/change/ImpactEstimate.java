package io.cxvalue.reporting.change;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.regression.OLSMultipleLinearRegression;

import java.util.List;

/**
 * What a process change did to one figure, estimated two ways. Plain Java, with Hipparchus for the t distribution
 * and least squares.
 * <ul>
 *   <li><b>Difference in differences</b>, when unaffected teams exist: each team's change from the period before to
 *       the period after; the estimate is the affected teams' mean change less the unaffected teams' (teams weigh
 *       alike: the team is the unit that was or was not changed, and collapsing each team to before and after keeps
 *       serially correlated days from overstating precision). Its interval is the two-sample t interval with the
 *       teams' changes' pooled variance (the least squares of the changes on an affected indicator), which with a
 *       single affected team is the prediction interval from the unaffected teams' spread. Assumes parallel trends,
 *       checked by the same estimate between the two halves of the period before (a placebo).</li>
 *   <li><b>Interrupted time series</b>, when no unaffected team exists: the daily figure of the affected teams
 *       against a line fitted to the days before and after with a step at the change ({@code y = a + b t + c post +
 *       d (t - t0) post}); the estimate is the step {@code c}, with its t interval. Assumes the trend before would
 *       have continued and nothing else changed at the same time.</li>
 * </ul>
 */
public final class ImpactEstimate {

    private static final double LEVEL = 0.95;

    /** An effect with its 95 % interval and what it rests on. */
    public record Effect(double estimate, double low, double high, double degreesOfFreedom, int affectedUnits,
            int controlUnits) {

        /** Whether the interval excludes zero. */
        public boolean clear() {
            return low > 0 || high < 0;
        }
    }

    private ImpactEstimate() {
    }

    /**
     * The difference in differences of per-team changes (after minus before); null when fewer than one affected or
     * two unaffected teams have both periods.
     */
    public static Effect differenceInDifferences(List<Double> affectedChanges, List<Double> controlChanges) {
        int nT = affectedChanges.size();
        int nC = controlChanges.size();
        if (nT < 1 || nC < 2) {
            return null;
        }
        double meanT = mean(affectedChanges);
        double meanC = mean(controlChanges);
        double pooled = (variance(affectedChanges, meanT) * (nT - 1) + variance(controlChanges, meanC) * (nC - 1))
                / (nT + nC - 2);
        double estimate = meanT - meanC;
        double se = Math.sqrt(pooled * (1.0 / nT + 1.0 / nC));
        double df = nT + nC - 2;
        return effect(estimate, se, df, nT, nC);
    }

    /**
     * The level change at the change of a daily series ({@code values[i]} on day {@code i}, NaN for a day without a
     * figure; the change takes effect on day {@code changeDay}); null with fewer than 3 days on either side.
     */
    public static Effect interruptedTimeSeries(double[] values, int changeDay) {
        int n = 0;
        int before = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                n++;
                before += i < changeDay ? 1 : 0;
            }
        }
        if (before < 3 || n - before < 3) {
            return null;
        }
        double[] y = new double[n];
        double[][] x = new double[n][3];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            boolean post = i >= changeDay;
            y[k] = values[i];
            x[k][0] = i;
            x[k][1] = post ? 1 : 0;
            x[k][2] = post ? i - changeDay : 0;
            k++;
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        double[] beta = ols.estimateRegressionParameters();
        double[] se = ols.estimateRegressionParametersStandardErrors();
        return effect(beta[2], se[2], n - 4, 1, 0);
    }

    private static Effect effect(double estimate, double se, double df, int affected, int control) {
        double t = df > 0 ? new TDistribution(df).inverseCumulativeProbability(0.5 + LEVEL / 2) : Double.NaN;
        return new Effect(estimate, estimate - t * se, estimate + t * se, df, affected, control);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double variance(List<Double> values, double mean) {
        if (values.size() < 2) {
            return 0;
        }
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (values.size() - 1);
    }
}
