package io.cxvalue.reporting.service;

/** What applying an interaction event did. */
public enum RecordOutcome {
    /** The contact was new and is now counted. */
    RECORDED,
    /** The contact was already counted (a redelivery, or another event for the same interaction): nothing changed. */
    DUPLICATE
}
