package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;

import java.time.Instant;

/** A service confirms it erased the customer's personal data. */
public record ErasureCompleted(String erasureId, String customerId, String service, Instant completedAt)
        implements CxEvent {
}
