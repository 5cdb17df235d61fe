package io.cxvalue.experiment.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.CrossSellRule;
import io.cxvalue.contracts.events.Eligibility;
import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.contracts.events.HandlingInstruction;
import io.cxvalue.contracts.events.HandlingMode;

class DefinitionCheckTest {

    static ExperimentVariantDefinition variant(String key, int weight, boolean control, HandlingMode mode) {
        return new ExperimentVariantDefinition(key, weight, control,
                new HandlingInstruction(mode, null, CrossSellRule.AVOID, "Do " + mode));
    }

    static ExperimentDefinition valid(List<ExperimentDefinition.Metric> metrics) {
        return new ExperimentDefinition("AHT", "h", "ana",
                List.of(variant("control", 1, true, HandlingMode.STANDARD),
                        variant("take-time", 1, false, HandlingMode.TAKE_TIME)),
                new Eligibility(List.of(Channel.VOICE), List.of(), List.of(), List.of("GOLD")),
                metrics, 30, 30, new ExperimentDefinition.Planning(0.05, 0.8, null),
                new ExperimentDefinition.Economics("EUR", 0.9, 0.5));
    }

    static List<String> fields(ExperimentDefinition d) {
        return DefinitionCheck.violations(d).stream().map(DefinitionCheck.Violation::field).toList();
    }

    @Test
    void aCompleteDefinitionPasses() {
        assertEquals(List.of(), fields(valid(List.of(
                new ExperimentDefinition.Metric(MetricKind.REVENUE, MetricRole.PRIMARY, null),
                new ExperimentDefinition.Metric(MetricKind.HANDLE_TIME, MetricRole.GUARDRAIL, 60.0)))));
    }

    @Test
    void metricsNeedOnePrimaryAndGuardrailsTheirAllowance() {
        List<String> f = fields(valid(List.of(
                new ExperimentDefinition.Metric(MetricKind.REVENUE, MetricRole.SECONDARY, 1.0),
                new ExperimentDefinition.Metric(MetricKind.REVENUE, MetricRole.GUARDRAIL, null))));
        assertEquals(List.of("metrics[0].allowedDegradation", "metrics[1].kind", "metrics[1].allowedDegradation",
                "metrics"), f);
    }

    @Test
    void variantsNeedUniqueKeysOneControlAndAnInstruction() {
        ExperimentDefinition d = valid(List.of(
                new ExperimentDefinition.Metric(MetricKind.CSAT_TOP2, MetricRole.PRIMARY, null)));
        ExperimentDefinition broken = new ExperimentDefinition(d.name(), d.hypothesis(), d.owner(),
                List.of(variant("a", 1, false, HandlingMode.STANDARD), variant("a", 20_000, false, null),
                        new ExperimentVariantDefinition("b c", 1, false, null)),
                d.eligibility(), d.metrics(), 0, 400, new ExperimentDefinition.Planning(0.5, 0.3, -1.0),
                new ExperimentDefinition.Economics("euro", -1, 0));
        List<String> f = fields(broken);
        assertTrue(f.containsAll(List.of("variants[1].key", "variants[1].weight", "variants[1].instruction.handling",
                "variants[2].key", "variants[2].instruction", "variants", "outcomeWindowDays", "prePeriodDays",
                "planning.alpha", "planning.power", "planning.minimumDetectableEffect", "economics.currency",
                "economics.costPerAgentMinute")), f.toString());
    }
}
