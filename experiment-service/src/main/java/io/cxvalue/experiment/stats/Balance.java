package io.cxvalue.experiment.stats;

import java.util.List;

/**
 * A balance table of pre-period covariates between a treatment and the control: did randomization produce groups
 * that were alike before the experiment?
 *
 * <p>Per covariate: the standardized mean difference SMD = (m_t − m_c)/&radic;((s_t&sup2; + s_c&sup2;)/2), the size of
 * the imbalance in standard deviations, comparable across covariates and sample sizes; and the two-sample statistic
 * z = (m_t − m_c)/&radic;(s_t&sup2;/n_t + s_c&sup2;/n_c) with its two-sided normal p-value.
 *
 * <p>Rule: a covariate is flagged when p &lt; {@value #THRESHOLD}. Under correct randomization every covariate's z is
 * approximately standard normal, so a fixed SMD cut-off such as the 0.1 common in observational studies would flag
 * nothing in large experiments and chance noise in small ones; the test asks instead whether the difference is more
 * than randomization explains. The strict threshold keeps false alarms rare across a table of several covariates,
 * variants and daily looks (1 in 1,000 per covariate and look); a flag suggests a broken assignment (e.g. a variant
 * that excludes some customers), the same kind of fault as a {@link SampleRatioMismatch}. SMD is reported to judge
 * the size of a flagged difference.
 */
public final class Balance {

    /** p-value below which a covariate is flagged. */
    public static final double THRESHOLD = 0.001;

    private Balance() {
    }

    /**
     * One covariate's pre-period statistics in the two groups (the covariate as y of each {@link MetricStats}).
     *
     * @param name      covariate name, e.g. "calls in the 90 days before"
     * @param control   the control group's values
     * @param treatment the treatment group's values
     */
    public record Covariate(String name, MetricStats control, MetricStats treatment) {
    }

    /**
     * One row of the table.
     *
     * @param name          covariate name
     * @param controlMean   m_c
     * @param treatmentMean m_t
     * @param smd           standardized mean difference (&plusmn;&infin; or 0 when both standard deviations are 0)
     * @param z             two-sample z statistic (likewise)
     * @param pValue        two-sided normal p-value of z
     */
    public record Row(String name, double controlMean, double treatmentMean, double smd, double z, double pValue) {

        /** p &lt; {@value Balance#THRESHOLD}. */
        public boolean flagged() {
            return pValue < THRESHOLD;
        }
    }

    /**
     * @param rows one per covariate, in the input order
     */
    public record Table(List<Row> rows) {

        public Table {
            rows = List.copyOf(rows);
        }

        /** Whether any covariate is flagged. */
        public boolean anyFlagged() {
            return rows.stream().anyMatch(Row::flagged);
        }
    }

    /** The balance table of a treatment against the control. */
    public static Table table(List<Covariate> covariates) {
        return new Table(covariates.stream().map(c -> row(c.name(), c.control(), c.treatment())).toList());
    }

    /** One covariate's row (each group needs at least 2 units). */
    public static Row row(String name, MetricStats control, MetricStats treatment) {
        if (control.count() < 2 || treatment.count() < 2) {
            throw new IllegalArgumentException(name + ": each group needs at least 2 units");
        }
        double difference = treatment.mean() - control.mean();
        double pooledSd = Math.sqrt((treatment.variance() + control.variance()) / 2);
        double se = Math.sqrt(treatment.varianceOfMean() + control.varianceOfMean());
        // with no spread in either group any difference at all is certain, and none is none
        double smd = pooledSd > 0 ? difference / pooledSd : degenerate(difference);
        double z = se > 0 ? difference / se : degenerate(difference);
        return new Row(name, control.mean(), treatment.mean(), smd, z, Distributions.twoSidedP(z,
                Double.POSITIVE_INFINITY));
    }

    private static double degenerate(double difference) {
        return difference == 0 ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
    }
}
