package io.cxvalue.experiment;

/** What applying one interaction event did to the experiment observations. */
public enum ObservationResult {
    /** The contact was recorded for its experiment variant. */
    RECORDED,
    /** The event (same id) was applied before: a redelivery, nothing changed. */
    DUPLICATE_EVENT,
    /** The interaction was already observed for the experiment under another event id: nothing changed. */
    DUPLICATE_INTERACTION,
    /** The contact was not handled under an experiment: nothing to observe. */
    NOT_IN_EXPERIMENT
}
