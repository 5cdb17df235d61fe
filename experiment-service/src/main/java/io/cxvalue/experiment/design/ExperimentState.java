package io.cxvalue.experiment.design;

/** Where an experiment is in its life: designed, randomizing callers, no longer randomizing, decided. */
public enum ExperimentState {
    DRAFT, RUNNING, STOPPED, DECIDED
}
