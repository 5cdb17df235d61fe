package io.cxvalue.contracts.events;

/** Who started the interaction. */
public enum Direction {
    INBOUND, OUTBOUND
}
