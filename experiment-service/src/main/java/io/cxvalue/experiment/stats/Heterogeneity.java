package io.cxvalue.experiment.stats;

import java.util.List;

/**
 * Whether the treatment effect differs between subgroups (e.g. value tiers GOLD, SILVER, BRONZE), by Cochran's Q test
 * of homogeneity (Cochran 1954, "The combination of estimates from different experiments", Biometrics 10(1)):
 * <pre>
 *   w_i = 1/SE_i&sup2;,  d̄_w = &Sigma;w_i d_i / &Sigma;w_i, Q = &Sigma;w_i (d_i − d̄_w)&sup2;, Q ~ chi-squared(k − 1)
 * </pre>
 * under the null hypothesis that all k subgroups share one effect. The subgroups must be disjoint (each unit in one
 * subgroup), so that their estimates are independent. The chi-squared reference treats the SEs as known, which is
 * accurate with the hundreds of units per subgroup of an experiment. Also reported: the inverse-variance pooled effect
 * and I&sup2; = max(0, (Q − df)/Q), the share of the spread between subgroups beyond what chance explains (Higgins and
 * Thompson 2002).
 *
 * <p>Subgroups are chosen before looking at the results; testing many ways of splitting and reporting the one that
 * "works" invalidates the p-value.
 */
public final class Heterogeneity {

    private Heterogeneity() {
    }

    /**
     * One subgroup's effect estimate.
     *
     * @param name          e.g. "GOLD"
     * @param effect        the estimated effect d_i (e.g. a difference of means)
     * @param standardError its standard error (&gt; 0)
     */
    public record Subgroup(String name, double effect, double standardError) {

        public Subgroup {
            if (!Double.isFinite(effect)) {
                throw new IllegalArgumentException(name + ": effect must be finite: " + effect);
            }
            if (!(standardError > 0) || Double.isInfinite(standardError)) {
                throw new IllegalArgumentException(name + ": standard error must be finite and > 0: "
                        + standardError);
            }
        }

        /** The difference and its standard error from a comparison within the subgroup. */
        public static Subgroup of(String name, Comparison comparison) {
            return new Subgroup(name, comparison.difference(), comparison.standardError());
        }
    }

    /**
     * @param subgroups           as given
     * @param pooledEffect        d̄_w
     * @param pooledStandardError 1/&radic;(&Sigma;w_i), the SE of d̄_w under homogeneity
     * @param q                   Cochran's Q
     * @param degreesOfFreedom    k − 1
     * @param pValue              P(chi-squared(k − 1) &ge; Q)
     * @param iSquared            max(0, (Q − df)/Q), 0 when Q = 0
     */
    public record Result(List<Subgroup> subgroups, double pooledEffect, double pooledStandardError, double q,
            int degreesOfFreedom, double pValue, double iSquared) {

        public Result {
            subgroups = List.copyOf(subgroups);
        }

        /** Whether homogeneity is rejected at level alpha. */
        public boolean heterogeneous(double alpha) {
            return pValue < alpha;
        }
    }

    /** Cochran's Q over at least 2 disjoint subgroups. */
    public static Result test(List<Subgroup> subgroups) {
        int k = subgroups.size();
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 subgroups: " + k);
        }
        double sumW = 0;
        double sumWd = 0;
        for (Subgroup s : subgroups) {
            double w = 1 / (s.standardError() * s.standardError());
            sumW += w;
            sumWd += w * s.effect();
        }
        double pooled = sumWd / sumW;
        double q = 0;
        for (Subgroup s : subgroups) {
            double d = (s.effect() - pooled) / s.standardError();
            q += d * d;
        }
        int df = k - 1;
        double iSquared = q > 0 ? Math.max(0.0, (q - df) / q) : 0.0;
        return new Result(subgroups, pooled, 1 / Math.sqrt(sumW), q, df, Distributions.chiSquaredUpperTail(q, df),
                iSquared);
    }
}
