package io.cxvalue.ingestion;

import io.cxvalue.contracts.events.Identity;

import java.util.List;

/**
 * How a record names its customer: by ingestion's customer id, by normalised identities, or both (then the
 * identities are linked to that customer).
 */
public record CustomerReference(String customerId, List<Identity> identities) {

    public CustomerReference {
        identities = identities == null ? List.of() : List.copyOf(identities);
        if ((customerId == null || customerId.isBlank()) && identities.isEmpty()) {
            throw new IllegalArgumentException("A customer reference needs an id or at least one identity");
        }
    }
}
