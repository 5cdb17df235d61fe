package io.cxvalue.scoring.service;

/** What applying a consumed event did. */
public enum EventOutcome {
    /** The event changed the store (or was recorded as applied with nothing to change). */
    APPLIED,
    /** The event was applied before (a redelivery, same {@code ce_id}); nothing changed. */
    DUPLICATE
}
