package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;

import java.time.Instant;

/** An administrator asked for a customer's personal data to be erased everywhere. */
public record ErasureRequested(String erasureId, String customerId, Instant requestedAt) implements CxEvent {
}
