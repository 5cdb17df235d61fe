package io.cxvalue.ingestion;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.contracts.events.Identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A customer profile as a CRM reports it, with its identities already normalised.
 *
 * @param customerId ingestion's customer id when the CRM knows it, else null
 * @param identities every identity the CRM knows for the customer (linked to the customer; never unlinked here)
 */
public record CustomerProfile(String source, String externalId, String customerId, String displayName,
                              Map<String, String> attributes, List<Identity> identities) {

    public CustomerProfile {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        identities = identities == null ? List.of() : List.copyOf(identities);
    }

    /**
     * A digest of what the profile says, independent of the order of identities and attributes: a resubmission
     * with the same digest changes nothing and is reported as a duplicate.
     */
    public String contentHash() {
        StringBuilder canonical = new StringBuilder()
                .append(customerId).append('\u0000')
                .append(displayName).append('\u0000');
        new TreeMap<>(attributes).forEach((key, value) -> canonical.append(key).append('=').append(value)
                .append('\u0000'));
        identities.stream().map(IdentityNormalizer::key).sorted().distinct()
                .forEach(key -> canonical.append(key).append('\u0000'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
