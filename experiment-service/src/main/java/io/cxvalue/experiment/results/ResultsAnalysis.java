package io.cxvalue.experiment.results;

import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.experiment.design.ExperimentDefinition;
import io.cxvalue.experiment.design.MetricKind;
import io.cxvalue.experiment.design.MetricRole;
import io.cxvalue.experiment.outcome.Measure;
import io.cxvalue.experiment.outcome.StatsKey;
import io.cxvalue.experiment.results.ExperimentResults.AlwaysValidInterval;
import io.cxvalue.experiment.results.ExperimentResults.BalanceRow;
import io.cxvalue.experiment.results.ExperimentResults.BalanceTable;
import io.cxvalue.experiment.results.ExperimentResults.Effect;
import io.cxvalue.experiment.results.ExperimentResults.Guardrail;
import io.cxvalue.experiment.results.ExperimentResults.HeterogeneityTest;
import io.cxvalue.experiment.results.ExperimentResults.Interval;
import io.cxvalue.experiment.results.ExperimentResults.MetricResult;
import io.cxvalue.experiment.results.ExperimentResults.Roi;
import io.cxvalue.experiment.results.ExperimentResults.SampleRatio;
import io.cxvalue.experiment.results.ExperimentResults.TierEffect;
import io.cxvalue.experiment.results.ExperimentResults.VariantSummary;
import io.cxvalue.experiment.results.ExperimentResults.VariantValue;
import io.cxvalue.experiment.stats.AlwaysValid;
import io.cxvalue.experiment.stats.Balance;
import io.cxvalue.experiment.stats.Comparison;
import io.cxvalue.experiment.stats.Cuped;
import io.cxvalue.experiment.stats.Estimate;
import io.cxvalue.experiment.stats.Heterogeneity;
import io.cxvalue.experiment.stats.MetricStats;
import io.cxvalue.experiment.stats.MultipleComparisons;
import io.cxvalue.experiment.stats.RatioStats;
import io.cxvalue.experiment.stats.SampleRatioMismatch;
import io.cxvalue.experiment.stats.WelchTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns an experiment's per-group statistics into its results: no customer is read, only the sufficient statistics
 * kept per (variant, value tier, measure). Plain Java; every statistical method is one of {@code stats}.
 */
public final class ResultsAnalysis {

    /** Customers per group below which no comparison is made. */
    static final int MINIMUM_PER_GROUP = 2;
    /** The planned sample size the always-valid sequence is tuned for when the plan gives none. */
    public static final long DEFAULT_PLANNED_CUSTOMERS = 10_000;
    static final double DAYS_PER_MONTH = 30.4375;

    /**
     * What the analysis needs.
     *
     * @param compliance      per assigned variant: contacts reported under a variant of the experiment, and of them
     *                        under the assigned one
     * @param runningDays     days customers have been exposed so far (start to stop or now), for the monthly population
     * @param plannedCustomers the plan's total, which tunes the always-valid sequence (fixed before the start)
     */
    public record Input(String experimentId, String name, String state, ExperimentDefinition definition,
            Map<StatsKey, MetricStats> stats, Map<String, long[]> compliance, double runningDays,
            long plannedCustomers) {
    }

    private ResultsAnalysis() {
    }

    public static ExperimentResults analyse(Input in) {
        ExperimentDefinition d = in.definition();
        List<ExperimentVariantDefinition> variants = d.variants();
        ExperimentVariantDefinition control = variants.stream().filter(ExperimentVariantDefinition::control)
                .findFirst().orElseThrow();
        List<ExperimentVariantDefinition> treatments = variants.stream().filter(v -> !v.control()).toList();
        double alpha = d.planning().alpha();
        Groups groups = new Groups(in.stats());

        long[] observed = variants.stream().mapToLong(v -> groups.overall(v.key(), Measure.REVENUE).count()).toArray();
        long exposed = java.util.Arrays.stream(observed).sum();
        SampleRatio sampleRatio = sampleRatio(variants, observed);
        List<VariantSummary> summaries = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            ExperimentVariantDefinition v = variants.get(i);
            long[] reported = in.compliance().getOrDefault(v.key(), new long[2]);
            summaries.add(new VariantSummary(v.key(), v.control(), v.instruction() == null
                    ? null : v.instruction().handling().name(), observed[i], reported[0], reported[1],
                    reported[0] == 0 ? null : (double) reported[1] / reported[0]));
        }
        double rhoSquared = AlwaysValid.tuning(alpha, Math.max(1, in.plannedCustomers()));

        List<MetricResult> metrics = new ArrayList<>();
        for (ExperimentDefinition.Metric m : d.metrics()) {
            metrics.add(metric(m, control, treatments, groups, d.prePeriodDays() > 0, alpha, rhoSquared));
        }
        adjustForMultipleComparisons(metrics);
        List<Roi> roi = treatments.stream()
                .map(t -> roi(t, control, groups, d, exposed, in.runningDays(), d.prePeriodDays() > 0)).toList();
        List<BalanceTable> balance = treatments.stream().map(t -> balance(t, control, groups)).toList();
        String verdict = Verdict.write(d, control, metrics, roi, sampleRatio, balance, exposed);
        return new ExperimentResults(in.experimentId(), in.name(), in.state(), exposed, sampleRatio, summaries,
                metrics, roi, balance, verdict, methods(alpha, in.plannedCustomers()));
    }

    private static SampleRatio sampleRatio(List<ExperimentVariantDefinition> variants, long[] observed) {
        double total = variants.stream().mapToDouble(ExperimentVariantDefinition::weight).sum();
        double[] weights = variants.stream().mapToDouble(v -> v.weight() / total).toArray();
        List<Long> counts = new ArrayList<>();
        for (long n : observed) {
            counts.add(n);
        }
        List<Double> shares = new ArrayList<>();
        for (double w : weights) {
            shares.add(w);
        }
        long sum = counts.stream().mapToLong(Long::longValue).sum();
        if (sum == 0) {
            return new SampleRatio(counts, shares, null, null, false, "No customer measured yet.");
        }
        SampleRatioMismatch.Result r = SampleRatioMismatch.test(observed, weights);
        String message = r.mismatch()
                ? String.format(java.util.Locale.ROOT, "Sample ratio mismatch (chi-square %.1f, p = %.2g): the "
                        + "variants did not receive the customers the weights promise, so assignment or measurement "
                        + "is broken and no result below can be trusted.", r.chiSquare(), r.pValue())
                : String.format(java.util.Locale.ROOT, "Customers are split as designed (p = %.2g).", r.pValue());
        return new SampleRatio(counts, shares, finite(r.chiSquare()), finite(r.pValue()), r.mismatch(), message);
    }

    private static MetricResult metric(ExperimentDefinition.Metric m, ExperimentVariantDefinition control,
            List<ExperimentVariantDefinition> treatments, Groups groups, boolean prePeriod, double alpha,
            double rhoSquared) {
        MetricKind kind = m.kind();
        Measure measure = Measure.of(kind);
        List<VariantValue> values = new ArrayList<>();
        List<ExperimentVariantDefinition> all = new ArrayList<>();
        all.add(control);
        all.addAll(treatments);
        for (ExperimentVariantDefinition v : all) {
            MetricStats s = groups.overall(v.key(), measure);
            Estimate e = estimate(kind, s);
            values.add(new VariantValue(v.key(), s.count(), finite(e.value()), finite(e.standardError()),
                    kind.ratio() ? s.sumX() : null));
        }
        List<Effect> effects = new ArrayList<>();
        for (ExperimentVariantDefinition t : treatments) {
            effects.add(effect(m, control.key(), t.key(), groups, prePeriod, alpha, rhoSquared));
        }
        return new MetricResult(kind, m.role(), kind.ratio(), kind.higherIsBetter(), values, effects);
    }

    private static Effect effect(ExperimentDefinition.Metric m, String control, String treatment, Groups groups,
            boolean prePeriod, double alpha, double rhoSquared) {
        MetricKind kind = m.kind();
        Measure measure = Measure.of(kind);
        MetricStats c = groups.overall(control, measure);
        MetricStats t = groups.overall(treatment, measure);
        if (c.count() < MINIMUM_PER_GROUP || t.count() < MINIMUM_PER_GROUP) {
            return new Effect(treatment, null, null, null, null, null, null, null, null, List.of(), null,
                    guardrail(m, null));
        }
        Comparison plain = WelchTest.compare(estimate(kind, c), estimate(kind, t));
        Interval cuped = null;
        Double cupedP = null;
        Double reduction = null;
        Comparison best = plain;
        if (!kind.ratio() && prePeriod) {
            Cuped.Result adjusted = Cuped.adjust(List.of(c, t));
            Comparison withCovariate = WelchTest.compare(adjusted.adjusted().get(0), adjusted.adjusted().get(1));
            cuped = interval(withCovariate);
            cupedP = finite(withCovariate.pValue());
            reduction = finite(adjusted.varianceReduction());
            best = withCovariate;
        }
        AlwaysValid.Interval av = AlwaysValid.confidenceSequence(best, c.count() + t.count(), alpha, rhoSquared);
        AlwaysValidInterval sequence = new AlwaysValidInterval(finite(av.lower()), finite(av.upper()),
                finite(av.pValue()), av.units());

        List<TierEffect> byTier = new ArrayList<>();
        List<Heterogeneity.Subgroup> subgroups = new ArrayList<>();
        for (String tier : groups.tiers()) {
            MetricStats ct = groups.tier(control, tier, measure);
            MetricStats tt = groups.tier(treatment, tier, measure);
            if (ct.count() < MINIMUM_PER_GROUP || tt.count() < MINIMUM_PER_GROUP) {
                if (ct.count() + tt.count() > 0) {
                    byTier.add(new TierEffect(tier, ct.count(), tt.count(), null, null));
                }
                continue;
            }
            Comparison tierComparison = compare(kind.ratio(), ct, tt, prePeriod);
            byTier.add(new TierEffect(tier, ct.count(), tt.count(), interval(tierComparison),
                    finite(tierComparison.pValue())));
            if (Double.isFinite(tierComparison.difference()) && tierComparison.standardError() > 0
                    && Double.isFinite(tierComparison.standardError())) {
                subgroups.add(Heterogeneity.Subgroup.of(tier, tierComparison));
            }
        }
        HeterogeneityTest heterogeneity = null;
        if (subgroups.size() >= 2) {
            Heterogeneity.Result h = Heterogeneity.test(subgroups);
            heterogeneity = new HeterogeneityTest(finite(h.q()), h.degreesOfFreedom(), finite(h.pValue()),
                    h.heterogeneous(alpha));
        }
        return new Effect(treatment, interval(plain),
                new Interval(finite(plain.relativeLift()), finite(plain.liftLower()), finite(plain.liftUpper())),
                finite(plain.pValue()), finite(plain.pValue()), cuped, cupedP, reduction, sequence, byTier,
                heterogeneity, guardrail(m, av));
    }

    private static Guardrail guardrail(ExperimentDefinition.Metric m, AlwaysValid.Interval av) {
        if (m.role() != MetricRole.GUARDRAIL) {
            return null;
        }
        double allowed = m.allowedDegradation() == null ? 0 : m.allowedDegradation();
        boolean breached = av != null && Double.isFinite(av.lower()) && (m.kind().higherIsBetter()
                ? av.upper() < -allowed
                : av.lower() > allowed);
        return new Guardrail(allowed, breached);
    }

    /**
     * Holm over the family of all secondary metrics' comparisons (every treatment), and over the primary metric's
     * comparisons when there are several treatments; guardrails are monitored, not tested for discovery.
     */
    private static void adjustForMultipleComparisons(List<MetricResult> metrics) {
        for (MetricRole role : List.of(MetricRole.PRIMARY, MetricRole.SECONDARY)) {
            List<int[]> at = new ArrayList<>();
            List<Double> p = new ArrayList<>();
            for (int i = 0; i < metrics.size(); i++) {
                if (metrics.get(i).role() != role) {
                    continue;
                }
                List<Effect> effects = metrics.get(i).effects();
                for (int j = 0; j < effects.size(); j++) {
                    Double pv = effects.get(j).cupedPValue() != null ? effects.get(j).cupedPValue()
                            : effects.get(j).pValue();
                    if (pv != null) {
                        at.add(new int[] {i, j});
                        p.add(pv);
                    }
                }
            }
            if (p.isEmpty()) {
                continue;
            }
            double[] adjusted = MultipleComparisons.holm(p.stream().mapToDouble(Double::doubleValue).toArray());
            for (int k = 0; k < adjusted.length; k++) {
                MetricResult metric = metrics.get(at.get(k)[0]);
                List<Effect> effects = new ArrayList<>(metric.effects());
                Effect e = effects.get(at.get(k)[1]);
                effects.set(at.get(k)[1], new Effect(e.treatment(), e.difference(), e.relativeLift(), e.pValue(),
                        adjusted[k], e.cuped(), e.cupedPValue(), e.cupedVarianceReduction(), e.alwaysValid(),
                        e.byTier(), e.heterogeneity(), e.guardrail()));
                metrics.set(at.get(k)[0], new MetricResult(metric.metric(), metric.role(), metric.ratio(),
                        metric.higherIsBetter(), metric.variants(), effects));
            }
        }
    }

    private static Roi roi(ExperimentVariantDefinition treatment, ExperimentVariantDefinition control, Groups groups,
            ExperimentDefinition d, long exposed, double runningDays, boolean prePeriod) {
        Interval revenue = difference(groups, control.key(), treatment.key(), Measure.REVENUE, prePeriod);
        Interval clv = difference(groups, control.key(), treatment.key(), Measure.CLV_CHANGE, prePeriod);
        Interval cost = difference(groups, control.key(), treatment.key(), Measure.AGENT_COST, prePeriod);
        Interval net = difference(groups, control.key(), treatment.key(), Measure.NET_VALUE, prePeriod);
        Double perMonth = runningDays > 0 && exposed > 0 ? exposed / runningDays * DAYS_PER_MONTH : null;
        Interval monthly = net == null || perMonth == null ? null : new Interval(times(net.estimate(), perMonth),
                times(net.lower(), perMonth), times(net.upper(), perMonth));
        String currency = d.economics() == null ? null : d.economics().currency();
        return new Roi(treatment.key(), currency, revenue, clv, cost, net, perMonth, monthly);
    }

    private static Interval difference(Groups groups, String control, String treatment, Measure measure,
            boolean prePeriod) {
        MetricStats c = groups.overall(control, measure);
        MetricStats t = groups.overall(treatment, measure);
        if (c.count() < MINIMUM_PER_GROUP || t.count() < MINIMUM_PER_GROUP) {
            return null;
        }
        return interval(compare(false, c, t, prePeriod));
    }

    /**
     * The comparison a figure is reported with: CUPED for a per-customer measure when there is a pre-period, Welch
     * (delta method for a ratio) otherwise.
     */
    private static Comparison compare(boolean ratio, MetricStats control, MetricStats treatment, boolean prePeriod) {
        return !ratio && prePeriod
                ? Cuped.compare(control, treatment, WelchTest.DEFAULT_CONFIDENCE_LEVEL)
                : WelchTest.compare(estimate(ratio, control), estimate(ratio, treatment));
    }

    private static BalanceTable balance(ExperimentVariantDefinition treatment, ExperimentVariantDefinition control,
            Groups groups) {
        List<BalanceRow> rows = new ArrayList<>();
        String c = control.key();
        String t = treatment.key();
        long nc = groups.overall(c, Measure.REVENUE).count();
        long nt = groups.overall(t, Measure.REVENUE).count();
        if (nc < MINIMUM_PER_GROUP || nt < MINIMUM_PER_GROUP) {
            return new BalanceTable(t, rows, false);
        }
        for (String tier : groups.tiers()) {
            rows.add(row("share in value tier " + tier,
                    share(groups.tier(c, tier, Measure.REVENUE).count(), nc),
                    share(groups.tier(t, tier, Measure.REVENUE).count(), nt)));
        }
        rows.add(row("prior contacts", covariate(groups.overall(c, Measure.FOLLOW_UP_CONTACTS)),
                covariate(groups.overall(t, Measure.FOLLOW_UP_CONTACTS))));
        rows.add(row("prior spend", covariate(groups.overall(c, Measure.REVENUE)),
                covariate(groups.overall(t, Measure.REVENUE))));
        rows.add(row("CLV at exposure", covariate(groups.overall(c, Measure.CLV_CHANGE)),
                covariate(groups.overall(t, Measure.CLV_CHANGE))));
        rows.add(row("CX score at exposure", groups.overall(c, Measure.CX_SCORE_AT_EXPOSURE),
                groups.overall(t, Measure.CX_SCORE_AT_EXPOSURE)));
        return new BalanceTable(t, rows, rows.stream().anyMatch(BalanceRow::flagged));
    }

    private static BalanceRow row(String name, MetricStats control, MetricStats treatment) {
        Balance.Row r = Balance.row(name, control, treatment);
        return new BalanceRow(name, finite(r.controlMean()), finite(r.treatmentMean()), finite(r.smd()),
                finite(r.pValue()), r.flagged());
    }

    /** An indicator's statistics: k of n units are 1. */
    private static MetricStats share(long k, long n) {
        double p = (double) k / n;
        return new MetricStats(n, p, 0, n * p * (1 - p), 0, 0);
    }

    /** The pre-period value x as a variable of its own. */
    private static MetricStats covariate(MetricStats s) {
        return new MetricStats(s.count(), s.meanX(), 0, s.sumSquaredDeviationsX(), 0, 0);
    }

    private static Estimate estimate(MetricKind kind, MetricStats s) {
        return estimate(kind.ratio(), s);
    }

    private static Estimate estimate(boolean ratio, MetricStats s) {
        return ratio ? Estimate.of(new RatioStats(s)) : Estimate.of(s);
    }

    static Interval interval(Comparison c) {
        return new Interval(finite(c.difference()), finite(c.lower()), finite(c.upper()));
    }

    private static Double times(Double value, double factor) {
        return value == null ? null : value * factor;
    }

    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static ExperimentResults.Methods methods(double alpha, long plannedCustomers) {
        return new ExperimentResults.Methods(
                "Welch's t-test and 95 % interval on per-customer values (customers are the randomization unit); "
                        + "ratio metrics (per response, contact or issue) by the delta method (Deng, Knoblich and "
                        + "Lu 2018); relative lift by the delta method",
                "CUPED (Deng, Xu, Kohavi and Walker 2013) with the same metric in the pre-period as covariate, "
                        + "theta pooled within groups; per-customer metrics only",
                String.format(java.util.Locale.ROOT, "Asymptotic confidence sequence with a Gaussian mixture "
                        + "boundary (Waudby-Smith et al. 2024), equivalent to the mixture SPRT (Johari et al. "
                        + "2022), at alpha %.3g, tuned for %d customers; valid at every look", alpha,
                        plannedCustomers),
                "Holm step-down over all secondary-metric comparisons (every treatment), and over the primary "
                        + "metric's comparisons when there are several treatments",
                "Cochran's Q over the value tiers' effects",
                "Chi-square test of the customers per variant against the weights; flagged at p < 0.001",
                "Standardized mean differences of pre-period covariates; flagged at p < 0.001");
    }

    /** The statistics by variant, tier and measure, with the overall statistics merged across tiers. */
    static final class Groups {

        private final Map<String, Map<String, Map<Measure, MetricStats>>> byVariant = new TreeMap<>();
        private final TreeSet<String> tiers = new TreeSet<>();

        Groups(Map<StatsKey, MetricStats> stats) {
            stats.forEach((key, s) -> {
                if (s.count() == 0) {
                    return;
                }
                byVariant.computeIfAbsent(key.variant(), v -> new TreeMap<>())
                        .computeIfAbsent(key.valueTier(), t -> new LinkedHashMap<>())
                        .put(key.measure(), s);
                tiers.add(key.valueTier());
            });
        }

        TreeSet<String> tiers() {
            return tiers;
        }

        MetricStats tier(String variant, String tier, Measure measure) {
            return byVariant.getOrDefault(variant, Map.of()).getOrDefault(tier, Map.of())
                    .getOrDefault(measure, MetricStats.empty());
        }

        MetricStats overall(String variant, Measure measure) {
            MetricStats merged = MetricStats.empty();
            for (Map<Measure, MetricStats> tier : byVariant.getOrDefault(variant, Map.of()).values()) {
                merged = merged.merge(tier.getOrDefault(measure, MetricStats.empty()));
            }
            return merged;
        }
    }
}
