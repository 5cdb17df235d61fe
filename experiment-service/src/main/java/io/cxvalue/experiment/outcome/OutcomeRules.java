package io.cxvalue.experiment.outcome;

import io.cxvalue.experiment.design.ExperimentDefinition;

import java.time.Duration;
import java.time.Instant;

/**
 * How one experiment measures a customer: the outcome window after exposure, the pre-period before it, the repeat
 * window that chains contacts into issues (docs/ARCHITECTURE.md, Definitions) and what agent time costs.
 */
public record OutcomeRules(Duration outcomeWindow, Duration prePeriod, Duration repeatWindow,
        double costPerAgentMinute, double costPerContact) {

    /** The repeat window of the KPI definitions. */
    public static final Duration REPEAT_WINDOW = Duration.ofDays(7);

    /** The rules of an experiment (one defined before costs were part of a definition counts agent time as free). */
    public static OutcomeRules of(ExperimentDefinition definition) {
        ExperimentDefinition.Economics economics = definition.economics();
        return new OutcomeRules(Duration.ofDays(definition.outcomeWindowDays()),
                Duration.ofDays(definition.prePeriodDays()), REPEAT_WINDOW,
                economics == null ? 0 : economics.costPerAgentMinute(),
                economics == null ? 0 : economics.costPerContact());
    }

    /** The earliest event time the outcome of a customer exposed at {@code exposedAt} reads. */
    public Instant historyFrom(Instant exposedAt) {
        return exposedAt.minus(prePeriod.compareTo(repeatWindow) > 0 ? prePeriod : repeatWindow);
    }

    /** The end (exclusive) of the history it reads: an issue opened in the window is judged on its repeat window. */
    public Instant historyUntil(Instant exposedAt) {
        return exposedAt.plus(outcomeWindow).plus(repeatWindow);
    }

    /** The agent time cost of one handled contact. */
    double contactCost(int handleSeconds) {
        return handleSeconds / 60.0 * costPerAgentMinute + costPerContact;
    }
}
