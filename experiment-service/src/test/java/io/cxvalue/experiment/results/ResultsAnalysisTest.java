package io.cxvalue.experiment.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.contracts.events.Eligibility;
import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.contracts.events.HandlingInstruction;
import io.cxvalue.contracts.events.HandlingMode;
import io.cxvalue.experiment.design.ExperimentDefinition;
import io.cxvalue.experiment.design.MetricKind;
import io.cxvalue.experiment.design.MetricRole;
import io.cxvalue.experiment.outcome.Measure;
import io.cxvalue.experiment.outcome.StatsKey;
import io.cxvalue.experiment.results.ExperimentResults.Effect;
import io.cxvalue.experiment.results.ExperimentResults.MetricResult;
import io.cxvalue.experiment.stats.MetricStats;
import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The analysis on simulated contact centres with planted effects: the effect found per tier, the verdict's words,
 * the sample-ratio check, guardrails, Holm and the money per month.
 */
class ResultsAnalysisTest {

    static final List<String> TIERS = List.of("GOLD", "SILVER", "BRONZE");

    static ExperimentDefinition definition(List<ExperimentDefinition.Metric> metrics) {
        return new ExperimentDefinition("Take time", "h", "ana",
                List.of(new ExperimentVariantDefinition("target", 1, true,
                                new HandlingInstruction(HandlingMode.STANDARD, 300, null, "Keep to target.")),
                        new ExperimentVariantDefinition("take-time", 1, false,
                                new HandlingInstruction(HandlingMode.TAKE_TIME, null, null, "Take your time."))),
                new Eligibility(List.of(), List.of(), List.of(), List.of()), metrics, 30, 30,
                new ExperimentDefinition.Planning(0.05, 0.8, null),
                new ExperimentDefinition.Economics("EUR", 0.9, 0.5));
    }

    /**
     * Customers per variant and tier with revenue = 2·prior + noise + the tier's planted effect in take-time, and
     * agent cost 3 EUR more in take-time; the follow-up contacts guardrail gets {@code followUpEffect}.
     */
    static Map<StatsKey, MetricStats> simulate(long seed, int perGroup, Map<String, Double> revenueEffect,
            double followUpEffect, int extraControl) {
        RandomDataGenerator random = new RandomDataGenerator(seed);
        Map<StatsKey, MetricStats> stats = new HashMap<>();
        for (String variant : List.of("target", "take-time")) {
            boolean treated = variant.equals("take-time");
            for (String tier : TIERS) {
                int n = perGroup + (treated ? 0 : extraControl);
                for (int i = 0; i < n; i++) {
                    double[] y = new double[Measure.count()];
                    double[] x = new double[Measure.count()];
                    double prior = random.nextGamma(2, 20);
                    double revenue = 2 * prior + random.nextNormal(0, 30) + (treated ? revenueEffect.get(tier) : 0);
                    double cost = 6 + random.nextNormal(0, 1) + (treated ? 3 : 0);
                    y[Measure.REVENUE.ordinal()] = revenue;
                    x[Measure.REVENUE.ordinal()] = prior;
                    y[Measure.AGENT_COST.ordinal()] = cost;
                    x[Measure.AGENT_COST.ordinal()] = 6 + random.nextNormal(0, 1);
                    y[Measure.NET_VALUE.ordinal()] = revenue - cost;
                    x[Measure.NET_VALUE.ordinal()] = prior - x[Measure.AGENT_COST.ordinal()];
                    y[Measure.FOLLOW_UP_CONTACTS.ordinal()] = random.nextPoisson(1 + (treated ? followUpEffect : 0));
                    int responses = random.nextInt(0, 2);
                    x[Measure.CSAT_TOP2.ordinal()] = responses;
                    y[Measure.CSAT_TOP2.ordinal()] = responses == 1 && random.nextUniform(0, 1) < (treated ? 0.7 : 0.6) ? 1 : 0;
                    y[Measure.CX_SCORE_AT_EXPOSURE.ordinal()] = random.nextUniform(0, 1);
                    for (Measure m : Measure.values()) {
                        stats.merge(new StatsKey("e", variant, tier, m),
                                MetricStats.empty().add(y[m.ordinal()], x[m.ordinal()]), MetricStats::merge);
                    }
                }
            }
        }
        return stats;
    }

    static List<ExperimentDefinition.Metric> metrics() {
        return List.of(new ExperimentDefinition.Metric(MetricKind.REVENUE, MetricRole.PRIMARY, null),
                new ExperimentDefinition.Metric(MetricKind.CSAT_TOP2, MetricRole.SECONDARY, null),
                new ExperimentDefinition.Metric(MetricKind.AGENT_COST, MetricRole.SECONDARY, null),
                new ExperimentDefinition.Metric(MetricKind.FOLLOW_UP_CONTACTS, MetricRole.GUARDRAIL, 0.1));
    }

    static ExperimentResults analyse(Map<StatsKey, MetricStats> stats, double runningDays) {
        return ResultsAnalysis.analyse(new ResultsAnalysis.Input("e", "Take time", "RUNNING", definition(metrics()),
                stats, Map.of("take-time", new long[] {200, 150}), runningDays, 20_000));
    }

    static MetricResult metric(ExperimentResults r, MetricKind kind) {
        return r.metrics().stream().filter(m -> m.metric() == kind).findFirst().orElseThrow();
    }

    @Test
    void theEffectIsFoundWhereItWasPlantedAndTheVerdictSaysSo() {
        ExperimentResults r = analyse(simulate(1, 3000, Map.of("GOLD", 12.0, "SILVER", 12.0, "BRONZE", 0.0), 0, 0),
                30);
        assertFalse(r.sampleRatio().mismatch());
        assertEquals(0.75, r.variants().get(1).complianceRate(), 1e-12);
        assertNull(r.variants().get(0).complianceRate(), "no contact of the control reported yet");
        Effect revenue = metric(r, MetricKind.REVENUE).effects().get(0);
        // overall planted effect: 8 = (12 + 12 + 0) / 3
        assertTrue(revenue.cuped().lower() < 8 && 8 < revenue.cuped().upper(), revenue.cuped().toString());
        assertTrue(revenue.cupedVarianceReduction() > 0.3, "prior spend explains much of revenue");
        Map<String, ExperimentResults.TierEffect> tiers = new HashMap<>();
        revenue.byTier().forEach(t -> tiers.put(t.valueTier(), t));
        assertTrue(tiers.get("GOLD").difference().lower() > 0);
        assertTrue(tiers.get("BRONZE").difference().lower() < 0 && tiers.get("BRONZE").difference().upper() > 0);
        assertTrue(revenue.heterogeneity().heterogeneous(), "BRONZE differs: Cochran's Q rejects");
        assertTrue(r.verdict().contains("take-time raises 30-day revenue per customer by"), r.verdict());
        assertTrue(r.verdict().contains("Worth rolling out for GOLD and SILVER callers; no evidence for BRONZE"),
                r.verdict());
        // money: agent time costs 3 EUR more per customer; 18,000 customers over 30 days is 18,262.5 per month
        assertEquals(3.0, r.roi().get(0).agentCostPerCustomer().estimate(), 0.1);
        assertEquals(18_000 / 30.0 * 30.4375, r.roi().get(0).eligibleCustomersPerMonth(), 1e-9);
        assertEquals(r.roi().get(0).netValuePerCustomer().estimate() * r.roi().get(0).eligibleCustomersPerMonth(),
                r.roi().get(0).netValuePerMonth().estimate(), 1e-6);
        // balance: the groups were drawn alike
        assertFalse(r.balance().get(0).anyFlagged(), r.balance().toString());
    }

    @Test
    void holmAdjustsTheSecondaryFamilyAndLeavesTheRawPValues() {
        ExperimentResults r = analyse(simulate(2, 500, Map.of("GOLD", 0.0, "SILVER", 0.0, "BRONZE", 0.0), 0, 0), 30);
        Effect csat = metric(r, MetricKind.CSAT_TOP2).effects().get(0);
        Effect cost = metric(r, MetricKind.AGENT_COST).effects().get(0);
        double[] raw = {csat.pValue(), cost.cupedPValue()};
        double smaller = Math.min(raw[0], raw[1]);
        double larger = Math.max(raw[0], raw[1]);
        double adjustedSmaller = Math.min(csat.adjustedPValue(), cost.adjustedPValue());
        assertEquals(Math.min(1, 2 * smaller), adjustedSmaller, 1e-12);
        assertEquals(Math.min(1, Math.max(2 * smaller, larger)),
                Math.max(csat.adjustedPValue(), cost.adjustedPValue()), 1e-12);
        assertTrue(r.verdict().contains("no clear effect"), r.verdict());
    }

    @Test
    void aSampleRatioMismatchComesFirstAndSilencesTheVerdict() {
        ExperimentResults r = analyse(simulate(3, 1000, Map.of("GOLD", 12.0, "SILVER", 12.0, "BRONZE", 0.0), 0, 100),
                30);
        assertTrue(r.sampleRatio().mismatch(), r.sampleRatio().toString());
        assertTrue(r.verdict().startsWith("Sample ratio mismatch"), r.verdict());
    }

    @Test
    void aGuardrailIsBreachedWhenItsAlwaysValidIntervalPassesTheAllowedDegradation() {
        ExperimentResults r = analyse(simulate(4, 3000, Map.of("GOLD", 12.0, "SILVER", 12.0, "BRONZE", 12.0), 0.5, 0),
                30);
        Effect followUps = metric(r, MetricKind.FOLLOW_UP_CONTACTS).effects().get(0);
        assertTrue(followUps.guardrail().breached(), followUps.toString());
        assertTrue(r.verdict().contains("Guardrail breached"), r.verdict());
        ExperimentResults fine = analyse(simulate(4, 3000, Map.of("GOLD", 12.0, "SILVER", 12.0, "BRONZE", 12.0), 0,
                0), 30);
        assertFalse(metric(fine, MetricKind.FOLLOW_UP_CONTACTS).effects().get(0).guardrail().breached());
        assertTrue(fine.verdict().contains("Worth rolling out to all eligible callers"), fine.verdict());
    }

    @Test
    void noCustomersYetIsSaidPlainly() {
        ExperimentResults r = analyse(Map.of(), 0);
        assertEquals(0, r.exposedCustomers());
        assertNull(metric(r, MetricKind.REVENUE).effects().get(0).difference());
        assertTrue(r.verdict().startsWith("No customer has been exposed yet"), r.verdict());
    }
}
