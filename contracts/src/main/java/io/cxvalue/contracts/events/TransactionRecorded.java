package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A purchase, cancellation or refund.
 *
 * @param amount                   positive amount in {@code currency}, whatever the kind
 * @param originatingInteractionId the interaction that made the sale, if any
 * @param cancelsTransactionId     for a cancellation or refund: the purchase it reverses, if known
 */
public record TransactionRecorded(
        String transactionId,
        String source,
        String externalId,
        String customerId,
        TransactionKind kind,
        BigDecimal amount,
        String currency,
        String productId,
        Instant occurredAt,
        String originatingInteractionId,
        String cancelsTransactionId) implements CxEvent {
}
