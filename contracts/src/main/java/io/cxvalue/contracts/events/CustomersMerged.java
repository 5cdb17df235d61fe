package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;

import java.time.Instant;
import java.util.List;

/**
 * Customers turned out to be one person: consumers fold the state of {@code mergedCustomerIds} into
 * {@code customerId} (the survivor) and forget the merged ids.
 */
public record CustomersMerged(String customerId, List<String> mergedCustomerIds, Instant mergedAt) implements CxEvent {
}
