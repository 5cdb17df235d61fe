package io.cxvalue.ingestion;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request to erase a customer's personal data everywhere, and the services that have confirmed it.
 *
 * @param expected  the services that must confirm before the erasure is complete
 * @param confirmed when each service confirmed
 */
public record Erasure(String erasureId, String customerId, Instant requestedAt, List<String> expected,
                      Map<String, Instant> confirmed) {

    public List<String> pending() {
        return expected.stream().filter(service -> !confirmed.containsKey(service)).toList();
    }

    public boolean complete() {
        return pending().isEmpty();
    }
}
