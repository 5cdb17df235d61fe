package io.cxvalue.reporting.repository;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What stands for an erased customer's id in reporting's store: HMAC-SHA-256 of the id under a secret key kept outside
 * the store. Reporting must recognise a late fact of an erased customer (to file it under the pseudonym), but a plain
 * or hashed customer id in the store would let anyone who has the store and a customer id find the person's facts;
 * without the key, the store links no pseudonym to anyone.
 */
final class ErasedCustomerKeys {

    /** The shortest key accepted: 32 characters, 256 bits when random. */
    static final int MIN_KEY_LENGTH = 32;

    private final SecretKeySpec key;
    /** A Mac per thread, initialised once: looked up on every key, it would cost a provider lookup per customer id. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    ErasedCustomerKeys(String secret) {
        if (secret == null || secret.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("cx.reporting.erased-customers.key (REPORTING_ERASURE_KEY) must be at "
                    + "least " + MIN_KEY_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The erased customer's key: URL-safe base64 of the HMAC, 43 characters. */
    String of(String customerId) {
        // doFinal resets the Mac for the next key
        byte[] digest = macs.get().doFinal(customerId.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
