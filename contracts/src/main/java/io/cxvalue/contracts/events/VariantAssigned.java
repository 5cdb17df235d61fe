package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;

import java.time.Instant;

/** A customer was randomly assigned to a variant of an experiment. */
public record VariantAssigned(
        String assignmentId,
        String experimentId,
        String variant,
        String customerId,
        Instant assignedAt) implements CxEvent {
}
