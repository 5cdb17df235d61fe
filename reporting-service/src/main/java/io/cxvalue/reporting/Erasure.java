package io.cxvalue.reporting;

import io.cxvalue.contracts.OutboxEvent;

import java.time.Instant;

/**
 * A customer's erasure as reporting applied it: the facts of {@code customerId} now carry {@code pseudonym}, and
 * {@code completion} is the ErasureCompleted event that confirms it, waiting in the outbox until it is published.
 * <p>
 * The record keeps the erased customer id on purpose: it is the suppression list that lets a late fact of the
 * customer be filed under the pseudonym too (a fact arriving after the erasure must not bring the id back). It is the
 * only place the id remains, next to the request that asked for the erasure.
 *
 * @param erasureId      the request's erasure id: one record per erasure
 * @param customerId     the erased customer
 * @param pseudonym      what the customer's facts carry instead of the customer id
 * @param requestEventId the {@code ce_id} of the ErasureRequested event applied
 * @param completedAt    when reporting completed the erasure
 * @param completion     the ErasureCompleted event to publish through the outbox
 */
public record Erasure(String erasureId, String customerId, String pseudonym, String requestEventId,
        Instant completedAt, OutboxEvent completion) {

    private static final String PSEUDONYM_PREFIX = "erased:";

    /**
     * The pseudonym of a first erasure. Built from the erasure id only, a random id the customer id cannot be derived
     * from, so the link from the facts back to the customer is gone while each pseudonymised customer still counts as
     * one distinct customer in the aggregates.
     */
    public static String pseudonymOf(String erasureId) {
        return PSEUDONYM_PREFIX + erasureId;
    }
}
