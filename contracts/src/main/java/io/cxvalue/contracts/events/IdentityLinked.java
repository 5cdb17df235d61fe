package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;

import java.time.Instant;

/** An identity was linked to a customer. */
public record IdentityLinked(String customerId, Identity identity, Instant linkedAt) implements CxEvent {
}
