package io.cxvalue.experiment.design;

import io.cxvalue.contracts.events.Eligibility;
import io.cxvalue.contracts.events.ExperimentVariantDefinition;

import java.util.List;

/**
 * What an analyst designs: the hypothesis, the variants with the instruction each gives the agent, who is eligible,
 * what is measured and for how long, and the inputs of the sample-size plan. Stored whole as the experiment's
 * definition; changeable only while the experiment is a {@link ExperimentState#DRAFT}.
 *
 * @param outcomeWindowDays outcomes count from a customer's exposure until this many days after it
 * @param prePeriodDays     the same metric this many days before exposure is the CUPED covariate (0: none)
 * @param economics         what agent time costs, for the agent-cost and net-value metrics and the ROI
 */
public record ExperimentDefinition(
        String name,
        String hypothesis,
        String owner,
        List<ExperimentVariantDefinition> variants,
        Eligibility eligibility,
        List<Metric> metrics,
        int outcomeWindowDays,
        int prePeriodDays,
        Planning planning,
        Economics economics) {

    /**
     * A metric from the catalogue with its role.
     *
     * @param allowedDegradation for a guardrail: the largest worsening accepted, in the metric's unit (null
     *                           otherwise)
     */
    public record Metric(MetricKind kind, MetricRole role, Double allowedDegradation) {
    }

    /**
     * The sample-size plan's inputs: a two-sided test at {@code alpha} with {@code power} for the primary metric's
     * {@code minimumDetectableEffect} (absolute, in the metric's unit; null until the analyst sets it).
     */
    public record Planning(double alpha, double power, Double minimumDetectableEffect) {
    }

    /**
     * The money side: agent time costs {@code costPerAgentMinute} per minute of handle time plus
     * {@code costPerContact} per handled contact, in {@code currency} (the currency of the transactions and CLV).
     */
    public record Economics(String currency, double costPerAgentMinute, double costPerContact) {
    }

    /** The primary metric (validation guarantees exactly one). */
    public Metric primaryMetric() {
        return metrics.stream().filter(m -> m.role() == MetricRole.PRIMARY).findFirst().orElseThrow();
    }
}
