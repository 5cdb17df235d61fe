package io.cxvalue.contracts.events;

/** The experiment variant an interaction was handled under. */
public record ExperimentVariant(String experimentId, String variant) {
}
