package io.cxvalue.contracts.events;

/** How the agent is told to handle a caller in an experiment variant (the caller card's handling recommendation). */
public enum HandlingMode {
    /** Take the time the caller needs: no handle-time pressure, resolve everything in this contact. */
    TAKE_TIME,
    /** Handle the caller as usual, to the contact centre's normal handle-time target. */
    STANDARD,
    /** Keep the contact short: resolve the reason for the call and close efficiently. */
    EFFICIENT
}
