package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A customer profile was created or changed.
 *
 * @param identities every identity currently linked to the customer
 * @param attributes free profile attributes from the CRM (segment, region, ...); no personal data
 */
public record CustomerUpserted(
        String customerId,
        String displayName,
        List<Identity> identities,
        Map<String, String> attributes,
        Instant upsertedAt) implements CxEvent {
}
