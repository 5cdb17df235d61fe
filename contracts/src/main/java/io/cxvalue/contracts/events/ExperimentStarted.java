package io.cxvalue.contracts.events;

import io.cxvalue.contracts.Topics;

import java.time.Instant;
import java.util.List;

/**
 * An experiment started randomizing customers. It carries the whole definition a consumer needs to compute any
 * customer's variant itself, with no call to experiment-service:
 * {@code VariantAssignment.variant(salt, customerId, variants, ExperimentVariantDefinition::weight)} (package
 * {@code io.cxvalue.contracts.experiments}), for customers whose contact matches {@code eligibility}.
 * <p>
 * Published on {@link Topics#EXPERIMENTS}, keyed by {@code experimentId}: the event is about no one customer, so
 * {@link #customerId()} is null and {@link #key()} is the experiment id.
 *
 * @param experimentId      the experiment's id
 * @param name              the experiment's name, for people (1..200 characters)
 * @param salt              mixed into the assignment hash with the customer id, so that every experiment
 *                          randomizes independently of the others (1..64 characters)
 * @param variants          2..10 variants, exactly one of them the control, in the order that
 *                          {@code VariantAssignment} maps to buckets: the order is part of the assignment. Their keys
 *                          are unique, which the schema cannot check: the producer does
 * @param eligibility       which contacts expose a customer to the experiment
 * @param outcomeWindowDays days after exposure over which outcomes are measured, 1..365
 * @param startedBy         who started it (1..128 characters)
 */
public record ExperimentStarted(
        String experimentId,
        String name,
        String salt,
        List<ExperimentVariantDefinition> variants,
        Eligibility eligibility,
        int outcomeWindowDays,
        Instant startedAt,
        String startedBy) implements ExperimentEvent {
}
