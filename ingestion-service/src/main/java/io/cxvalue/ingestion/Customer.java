package io.cxvalue.ingestion;

import io.cxvalue.contracts.events.Identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A customer as ingestion knows it.
 *
 * @param identities the identities in the customer's profile (empty once erased)
 * @param mergedInto the survivor this customer was merged into, if it was; its records now belong to that one
 * @param erasedAt   when the customer's personal data was erased, if it was
 */
public record Customer(String customerId, String displayName, Map<String, String> attributes,
                       List<Identity> identities, Instant createdAt, Instant updatedAt, String mergedInto,
                       Instant erasedAt) {
}
