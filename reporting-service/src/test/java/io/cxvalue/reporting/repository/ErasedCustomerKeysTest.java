package io.cxvalue.reporting.repository;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ErasedCustomerKeysTest {

    private static final String KEY = "k".repeat(ErasedCustomerKeys.MIN_KEY_LENGTH);

    @Test
    void isTheUrlSafeBase64OfHmacSha256() {
        // Computed independently: Python's hmac.new(b"k" * 32, b"c-1", hashlib.sha256), URL-safe base64 unpadded.
        assertThat(new ErasedCustomerKeys(KEY).of("c-1"), equalTo("N9NfK70awlunZwc__RPnBJww3-CUYppq-jlNAXlXuTI"));
    }

    @Test
    void dependsOnTheKeyAndHidesTheId() {
        ErasedCustomerKeys keys = new ErasedCustomerKeys(KEY);
        ErasedCustomerKeys other = new ErasedCustomerKeys("x".repeat(ErasedCustomerKeys.MIN_KEY_LENGTH));
        assertThat(keys.of("c-1"), equalTo(keys.of("c-1")));
        assertThat(keys.of("c-1"), not(equalTo(keys.of("c-2"))));
        assertThat(keys.of("c-1"), not(equalTo(other.of("c-1"))));
        assertThat(keys.of("customer-12345"), not(containsString("12345")));
    }

    @Test
    void refusesAShortKey() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new ErasedCustomerKeys("k".repeat(ErasedCustomerKeys.MIN_KEY_LENGTH - 1)));
        assertThat(refused.getMessage(), containsString("at least 32 characters"));
        assertThrows(IllegalArgumentException.class, () -> new ErasedCustomerKeys(null));
    }
}
