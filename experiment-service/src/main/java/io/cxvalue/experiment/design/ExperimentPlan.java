package io.cxvalue.experiment.design;

import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.experiment.outcome.CustomerOutcome;
import io.cxvalue.experiment.outcome.Measure;
import io.cxvalue.experiment.stats.Cuped;
import io.cxvalue.experiment.stats.MetricStats;
import io.cxvalue.experiment.stats.RatioStats;
import io.cxvalue.experiment.stats.SampleSizePlanner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sample-size plan shown before the start: how many customers the experiment needs and how long that takes, from
 * the eligible customers of a recent cohort (their traffic per day) and the primary metric's spread among them (over
 * an outcome window as long as the experiment's, computed as the experiment will compute it).
 *
 * @param cohortFrom               the cohort's first eligible contacts are in [cohortFrom, cohortUntil), which ends one
 *                                 outcome window ago so that their outcomes are complete
 * @param eligibleCustomers        customers with an eligible contact in the cohort period
 * @param sampledCustomers         of them, how many the metric's spread was measured on
 * @param metricStandardDeviation  per customer (for a ratio metric: of its delta-method linearization)
 * @param cupedVarianceReduction   share of that variance the pre-period covariate removes (the plan uses the rest)
 * @param requiredCustomers        for {@code minimumDetectableEffect}; null when it is not set or cannot be planned
 * @param detectableEffectIn14Days the effect detectable with 14 days of eligible customers, in the metric's unit
 */
public record ExperimentPlan(String experimentId, MetricKind metric, Instant cohortFrom, Instant cohortUntil,
        long eligibleCustomers, double eligibleCustomersPerDay, int sampledCustomers, Double metricMean,
        Double metricStandardDeviation, Double cupedVarianceReduction, double alpha, double power,
        Double minimumDetectableEffect, Long requiredCustomers, List<Long> requiredPerVariant, Long expectedDays,
        Double detectableEffectIn14Days, Double detectableEffectIn28Days, String summary) {

    /** Days of eligible traffic the cohort covers. */
    public static final int COHORT_DAYS = 28;

    /** The plan from the cohort's count and the sampled customers' outcomes. */
    public static ExperimentPlan of(String experimentId, ExperimentDefinition d, Instant cohortFrom,
            Instant cohortUntil, long eligibleCustomers, List<CustomerOutcome> sample) {
        ExperimentDefinition.Metric primary = d.primaryMetric();
        MetricKind kind = primary.kind();
        Measure measure = Measure.of(kind);
        MetricStats stats = MetricStats.empty();
        for (CustomerOutcome o : sample) {
            stats = stats.add(o.y(measure), o.x(measure));
        }
        double perDay = eligibleCustomers / (double) COHORT_DAYS;
        double alpha = d.planning().alpha();
        double power = d.planning().power();
        Double mde = d.planning().minimumDetectableEffect();
        Double mean = null;
        // per customer; the plan uses what is left of it after CUPED
        Double rawVariance = null;
        Double variance = null;
        Double reduction = null;
        if (stats.count() >= 2) {
            if (kind.ratio()) {
                RatioStats ratio = new RatioStats(stats);
                mean = finite(ratio.ratio());
                rawVariance = finite(ratio.variance() * stats.count());
                variance = rawVariance;
            } else {
                mean = stats.mean();
                rawVariance = stats.variance();
                variance = rawVariance;
                if (d.prePeriodDays() > 0 && stats.sumSquaredDeviationsX() > 0 && stats.sumSquaredDeviations() > 0) {
                    reduction = Cuped.adjust(List.of(stats)).varianceReduction();
                    variance = rawVariance * (1 - reduction);
                }
            }
        }
        double[] weights = weights(d.variants());
        boolean plannable = variance != null && variance > 0 && perDay > 0;
        Long required = null;
        List<Long> perVariant = List.of();
        Long days = null;
        if (plannable && mde != null) {
            SampleSizePlanner.Plan plan = SampleSizePlanner.plan(alpha, power, mde, variance, weights, perDay);
            required = plan.totalUnits();
            perVariant = plan.unitsPerVariant();
            days = plan.days();
        }
        Double in14 = plannable ? SampleSizePlanner.minimumDetectableEffect(alpha, power, variance, weights,
                Math.max(1, Math.round(perDay * 14))) : null;
        Double in28 = plannable ? SampleSizePlanner.minimumDetectableEffect(alpha, power, variance, weights,
                Math.max(1, Math.round(perDay * 28))) : null;
        String summary;
        if (eligibleCustomers == 0) {
            summary = "No eligible customer in the " + COHORT_DAYS + " days before " + cohortUntil
                    + ": there is no history to plan from yet.";
        } else if (!plannable) {
            summary = eligibleCustomers + " eligible customers, but too few measured to estimate the spread of "
                    + kind + ".";
        } else if (required == null) {
            summary = String.format(Locale.ROOT, "%.0f eligible customers a day; in 14 days the experiment can "
                    + "detect a change of %.4g in %s, in 28 days %.4g. Set a minimum detectable effect for a sample "
                    + "size.", perDay, in14, kind, in28);
        } else {
            summary = String.format(Locale.ROOT, "To detect %.4g in %s (alpha %.3g, power %.0f %%) the experiment "
                    + "needs %d customers, about %d days at %.0f eligible customers a day.", mde, kind, alpha,
                    power * 100, required, days, perDay);
        }
        return new ExperimentPlan(experimentId, kind, cohortFrom, cohortUntil, eligibleCustomers, perDay,
                sample.size(), mean, rawVariance == null ? null : finite(Math.sqrt(rawVariance)), reduction, alpha,
                power, mde, required, perVariant, days, in14, in28, summary);
    }

    /** The variants' shares, control first (the planner's order). */
    static double[] weights(List<ExperimentVariantDefinition> variants) {
        List<ExperimentVariantDefinition> ordered = new ArrayList<>();
        variants.stream().filter(ExperimentVariantDefinition::control).forEach(ordered::add);
        variants.stream().filter(v -> !v.control()).forEach(ordered::add);
        double total = ordered.stream().mapToDouble(ExperimentVariantDefinition::weight).sum();
        return ordered.stream().mapToDouble(v -> v.weight() / total).toArray();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
