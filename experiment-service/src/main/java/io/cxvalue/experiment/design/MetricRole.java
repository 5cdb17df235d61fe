package io.cxvalue.experiment.design;

/** What a metric is for in the decision. */
public enum MetricRole {
    /** The one metric the experiment is designed and sized for. */
    PRIMARY,
    /** Reported with multiple-comparison correction; informs, does not decide. */
    SECONDARY,
    /** Must not get worse than the allowed degradation; a breach is flagged as soon as it is certain. */
    GUARDRAIL
}
