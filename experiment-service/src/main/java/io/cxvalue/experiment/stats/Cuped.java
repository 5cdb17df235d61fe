package io.cxvalue.experiment.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * CUPED variance reduction with a pre-experiment covariate, normally the same metric in a period before the
 * experiment (Deng, Xu, Kohavi and Walker 2013, "Improving the Sensitivity of Online Controlled Experiments by
 * Utilizing Pre-Experiment Data", WSDM).
 *
 * <p>Each group's mean is adjusted by what its covariate mean predicts:
 * <pre>
 *   ŷ_g = ȳ_g − θ (x̄_g − x̄),    Var(ŷ_g) = (s&sup2;_y − 2θ s_xy + θ&sup2; s&sup2;_x) / n_g
 * </pre>
 * with x̄ the mean of x over all units of all groups and s&sup2;_y, s_xy, s&sup2;_x the within-group sample moments.
 * Because x is measured before randomization, E[x̄_t − x̄_c] = 0 and the adjusted difference stays unbiased for any
 * fixed θ (estimating θ from the same data adds only an O(1/n) bias); θ only decides how much variance is removed,
 * which is most with θ = Cov(Y, X)/Var(X).
 *
 * <p>θ is pooled across groups from the within-group moments, θ = &Sigma;_g S_xy,g / &Sigma;_g S_xx,g (S the sums of
 * cross and squared deviations from each group's own means), i.e. the slope of y on x with a separate intercept per
 * group. Computing it on all units merged, as the paper describes, gives the same slope when the groups' means are
 * alike, but lets a treatment effect combined with a chance difference in x̄ leak into θ; the within-group slope
 * does not. Using one θ for all groups keeps the adjustment the same linear function of x in each group.
 *
 * <p>The variance treats θ and x̄ as known, as the paper does: estimating θ costs O(1/n) relative variance, and x̄
 * cancels in any difference of two groups. The adjusted estimates keep n_g − 1 degrees of freedom (one more for θ is
 * spent over the whole experiment, which is negligible at experiment sizes).
 *
 * <p>Variance reduction: 1 − (pooled adjusted variance)/(pooled unadjusted variance)
 * = 1 − (S_yy − 2θS_xy + θ&sup2;S_xx)/S_yy = S_xy&sup2;/(S_xx S_yy) with the pooled sums, i.e. the squared pooled
 * within-group correlation ρ&sup2; of y and x.
 *
 * <p>Units without a pre-period value (new customers) are recorded with x = 0 ({@link MetricStats#add(double)}).
 * That keeps the estimator unbiased (whether a unit has a pre-period value is itself fixed before randomization)
 * but removes less variance than a separate "has a pre-period value" indicator would, which this single-covariate
 * version does not fit. With no variance in x at all (every unit new), θ = 0 and the estimates are the plain means.
 */
public final class Cuped {

    private Cuped() {
    }

    /**
     * CUPED over the groups of one experiment.
     *
     * @param theta              the pooled within-group regression slope of y on x
     * @param varianceReduction  1 − pooled adjusted variance / pooled unadjusted variance (&ge; 0)
     * @param covariateMean      x̄ over all units
     * @param adjusted           per group, in the input order, the adjusted mean with its variance
     * @param unadjusted         per group, in the input order, the plain mean with its variance
     */
    public record Result(double theta, double varianceReduction, double covariateMean, List<Estimate> adjusted,
            List<Estimate> unadjusted) {

        public Result {
            adjusted = List.copyOf(adjusted);
            unadjusted = List.copyOf(unadjusted);
        }
    }

    /**
     * Adjust each group's mean of y by its mean of x.
     *
     * @param groups one {@link MetricStats} per variant (at least one, each with at least 2 units)
     */
    public static Result adjust(List<MetricStats> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("at least one group is needed");
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        long n = 0;
        double sumX = 0;
        for (MetricStats g : groups) {
            if (g.count() < 2) {
                throw new IllegalArgumentException("every group needs at least 2 units: " + g.count());
            }
            sxx += g.sumSquaredDeviationsX();
            sxy += g.sumCrossDeviations();
            syy += g.sumSquaredDeviations();
            n += g.count();
            sumX += g.sumX();
        }
        double theta = sxx > 0 ? sxy / sxx : 0.0;
        double xbar = sumX / n;

        List<Estimate> adjusted = new ArrayList<>(groups.size());
        List<Estimate> unadjusted = new ArrayList<>(groups.size());
        for (MetricStats g : groups) {
            double residualVariance = (g.sumSquaredDeviations() - 2 * theta * g.sumCrossDeviations()
                    + theta * theta * g.sumSquaredDeviationsX()) / (g.count() - 1);
            // a residual sum of squares is >= 0; rounding can leave -eps when y is (nearly) a linear function of x
            residualVariance = Math.max(0.0, residualVariance);
            adjusted.add(new Estimate(g.mean() - theta * (g.meanX() - xbar), residualVariance / g.count(),
                    g.count() - 1.0));
            unadjusted.add(Estimate.of(g));
        }
        double reduction = sxx > 0 && syy > 0 ? sxy * sxy / (sxx * syy) : 0.0;
        return new Result(theta, Math.min(1.0, reduction), xbar, adjusted, unadjusted);
    }

    /** CUPED-adjusted comparison of a treatment with a control at the given confidence level. */
    public static Comparison compare(MetricStats control, MetricStats treatment, double confidenceLevel) {
        Result r = adjust(List.of(control, treatment));
        return WelchTest.compare(r.adjusted().get(0), r.adjusted().get(1), confidenceLevel);
    }
}
