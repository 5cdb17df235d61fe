package io.cxvalue.reporting;

import io.cxvalue.contracts.OutboxEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * An erasure request as reporting applied it: the facts of the customer it names now carry a pseudonym, and
 * {@code completion} is the ErasureCompleted event that confirms it, waiting in the outbox until it is published.
 * <p>
 * The record keeps neither the customer id nor the pseudonym: the erasure id is published next to the customer id
 * (cx.erasures, ingestion's erasure record), so an erasure id next to a pseudonym would link the facts back to the
 * person. Which customers were erased, and under which pseudonym, is kept only under a keyed hash of the customer id
 * (see {@code ErasureRepository}); the completion event, which names the customer, is dropped once published.
 *
 * @param erasureId      the request's erasure id: one record per erasure
 * @param requestEventId the {@code ce_id} of the ErasureRequested event applied
 * @param completedAt    when reporting completed the erasure
 * @param completion     the ErasureCompleted event to publish through the outbox
 */
public record Erasure(String erasureId, String requestEventId, Instant completedAt, OutboxEvent completion) {

    private static final String PSEUDONYM_PREFIX = "erased:";

    /**
     * A new pseudonym for an erased customer: random, so nothing the customer id or the erasure id can be turned into
     * leads to it, while each erased customer still counts as one distinct customer in the aggregates.
     */
    public static String newPseudonym() {
        return PSEUDONYM_PREFIX + UUID.randomUUID();
    }
}
