package io.cxvalue.ingestion;

import io.cxvalue.contracts.events.Identity;

import java.util.List;

/**
 * The outcome of resolving a {@link CustomerReference}.
 *
 * @param customerId the customer the record belongs to (the survivor, when customers were merged)
 * @param created    whether the customer was created by this resolution
 * @param linked     identities linked to the customer by this resolution
 * @param merged     customers folded into {@code customerId} by this resolution
 */
public record ResolvedCustomer(String customerId, boolean created, List<Identity> linked, List<String> merged) {
}
