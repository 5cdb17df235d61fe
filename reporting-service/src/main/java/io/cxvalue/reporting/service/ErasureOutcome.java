package io.cxvalue.reporting.service;

/** What applying an ErasureRequested event did. */
public enum ErasureOutcome {
    /** The erasure was new: the customer's facts are pseudonymised and the confirmation is in the outbox. */
    ERASED,
    /** The erasure was already recorded (a redelivery): the facts were checked again, nothing else changed. */
    DUPLICATE
}
