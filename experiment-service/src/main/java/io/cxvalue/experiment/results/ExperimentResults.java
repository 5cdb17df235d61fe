package io.cxvalue.experiment.results;

import io.cxvalue.experiment.design.MetricKind;
import io.cxvalue.experiment.design.MetricRole;

import java.util.List;

/**
 * What {@code GET /experiments/{id}/results} answers: the sample-ratio check first (a mismatch invalidates the rest),
 * each metric per variant and each treatment against the control, the money, the balance of the groups and a
 * verdict in words. Numbers that cannot be computed yet (too few customers) are null.
 *
 * @param exposedCustomers all customers measured so far
 * @param methods          the methods behind the figures, named
 */
public record ExperimentResults(String experimentId, String name, String state, long exposedCustomers,
        SampleRatio sampleRatio, List<VariantSummary> variants, List<MetricResult> metrics, List<Roi> roi,
        List<BalanceTable> balance, String verdict, Methods methods) {

    /** An estimate with its 95 % interval (fixed-horizon unless said otherwise). */
    public record Interval(Double estimate, Double lower, Double upper) {
    }

    /**
     * @param mismatch p &lt; 0.001: assignment or logging is broken and no figure below can be trusted
     */
    public record SampleRatio(List<Long> observed, List<Double> expectedShares, Double chiSquare, Double pValue,
            boolean mismatch, String message) {
    }

    /**
     * A variant's customers, and the compliance of their contacts: of those reported under a variant of the
     * experiment, the share under this one, the one the customers are assigned to (null before any is reported).
     */
    public record VariantSummary(String variant, boolean control, String handling, long exposedCustomers,
            long reportedContacts, long compliantContacts, Double complianceRate) {
    }

    /**
     * One metric: per variant, and each treatment against the control.
     *
     * @param ratio whether it is a ratio per response/contact/issue (delta method) rather than per customer
     */
    public record MetricResult(MetricKind metric, MetricRole role, boolean ratio, boolean higherIsBetter,
            List<VariantValue> variants, List<Effect> effects) {
    }

    /** A variant's value of a metric with its standard error; {@code denominator}: responses, contacts or issues. */
    public record VariantValue(String variant, long customers, Double value, Double standardError, Double denominator) {
    }

    /**
     * One treatment against the control on one metric.
     *
     * @param difference          treatment − control, Welch (delta method for ratios), 95 %
     * @param relativeLift        treatment / control − 1 with its interval
     * @param pValue              two-sided, fixed-horizon
     * @param adjustedPValue      Holm-adjusted over the metric's family (see {@link Methods#multipleComparisons})
     * @param cuped               the CUPED-adjusted difference (null for ratio metrics or without a pre-period)
     * @param cupedVarianceReduction share of variance CUPED removed
     * @param alwaysValid         the always-valid 95 % confidence sequence at this look, with its p-value
     * @param byTier              the effect per value tier at exposure
     * @param heterogeneity       whether the tier effects differ (Cochran's Q)
     * @param guardrail           for a guardrail metric: the allowed degradation and whether it is breached
     */
    public record Effect(String treatment, Interval difference, Interval relativeLift, Double pValue,
            Double adjustedPValue, Interval cuped, Double cupedPValue, Double cupedVarianceReduction,
            AlwaysValidInterval alwaysValid, List<TierEffect> byTier, HeterogeneityTest heterogeneity,
            Guardrail guardrail) {
    }

    public record AlwaysValidInterval(Double lower, Double upper, Double pValue, long customers) {
    }

    public record TierEffect(String valueTier, long controlCustomers, long treatmentCustomers, Interval difference,
            Double pValue) {
    }

    public record HeterogeneityTest(Double q, Integer degreesOfFreedom, Double pValue, boolean heterogeneous) {
    }

    /** @param breached the always-valid interval lies entirely beyond the allowed degradation */
    public record Guardrail(double allowedDegradation, boolean breached) {
    }

    /**
     * The money: per customer over the outcome window, and for the eligible population per month.
     *
     * @param eligibleCustomersPerMonth customers first exposed per 30 days so far (all variants): the population a
     *                                  rollout would reach
     */
    public record Roi(String treatment, String currency, Interval incrementalRevenuePerCustomer,
            Interval clvChangePerCustomer, Interval agentCostPerCustomer, Interval netValuePerCustomer,
            Double eligibleCustomersPerMonth, Interval netValuePerMonth) {
    }

    public record BalanceTable(String treatment, List<BalanceRow> rows, boolean anyFlagged) {
    }

    /** @param flagged p &lt; 0.001: the groups differ more than chance allows */
    public record BalanceRow(String covariate, Double controlMean, Double treatmentMean,
            Double standardizedMeanDifference, Double pValue, boolean flagged) {
    }

    public record Methods(String intervals, String varianceReduction, String alwaysValid,
            String multipleComparisons, String heterogeneity, String sampleRatio, String balance) {
    }
}
