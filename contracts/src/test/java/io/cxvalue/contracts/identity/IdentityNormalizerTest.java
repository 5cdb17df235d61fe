package io.cxvalue.contracts.identity;

import io.cxvalue.contracts.events.IdentityKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentityNormalizerTest {

    private final IdentityNormalizer normalizer = new IdentityNormalizer("GB");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+44 7700 900123|+447700900123",
            "07700 900123|+447700900123",
            "(07700) 900-123|+447700900123",
            "0044 7700 900123|+447700900123",
            "+1 (650) 253-0000|+16502530000",
            "+49 30 901820|+4930901820",
            "tel:+44-7700-900123|+447700900123"})
    void phonesInAnyFormatBecomeE164(String raw, String e164) {
        var identity = normalizer.phone(raw);
        assertEquals(IdentityKind.PHONE, identity.kind());
        assertEquals(e164, identity.value());
    }

    @Test
    void theDefaultRegionDecidesNationalNumbers() {
        assertEquals("+16502530000", new IdentityNormalizer("US").phone("(650) 253-0000").value());
        assertThrows(IllegalArgumentException.class, () -> new IdentityNormalizer("XX"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "hello", "12", "+44 1", "+999 123456789", "0000000000000000000000000000000000000000000000000000000000000000000"})
    void nonNumbersAreRejected(String raw) {
        assertThrows(IdentityNormalizer.InvalidIdentityException.class, () -> normalizer.phone(raw));
    }

    @Test
    void emailsAreTrimmedAndLowerCased() {
        assertEquals("ada.lovelace@example.com", normalizer.email("  Ada.Lovelace@Example.COM ").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ada", "ada@", "@example.com", "ada@example", "a da@example.com", "ada@@example.com"})
    void malformedEmailsAreRejected(String raw) {
        assertThrows(IdentityNormalizer.InvalidIdentityException.class, () -> normalizer.email(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "X,@Ada_L,x,ada_l",
            "twitter,ada_l,x,ada_l",
            "Instagram,@Ada.Lovelace,instagram,ada.lovelace",
            "mastodon,@Ada,mastodon,ada"})
    void handlesFollowTheirNetworksRules(String network, String handle, String expectedNetwork, String expected) {
        var identity = normalizer.social(network, handle);
        assertEquals(expectedNetwork, identity.network());
        assertEquals(expected, identity.value());
    }

    @Test
    void handlesThatBreakTheirNetworksRulesAreRejected() {
        assertThrows(IdentityNormalizer.InvalidIdentityException.class,
                () -> normalizer.social("x", "this_handle_is_far_too_long"));
        assertThrows(IdentityNormalizer.InvalidIdentityException.class, () -> normalizer.social("x", "a-b"));
        assertThrows(IdentityNormalizer.InvalidIdentityException.class, () -> normalizer.social("", "ada"));
        assertThrows(IdentityNormalizer.InvalidIdentityException.class, () -> normalizer.social("x", "@"));
    }

    @Test
    void crmIdsKeepTheirCaseAndKeysAreDistinctPerKindAndNetwork() {
        assertEquals("CRM-991", normalizer.crmId(" CRM-991 ").value());
        assertEquals("PHONE::+447700900123", IdentityNormalizer.key(normalizer.phone("07700 900123")));
        assertEquals("SOCIAL:x:ada", IdentityNormalizer.key(normalizer.social("x", "ada")));
        assertThrows(IdentityNormalizer.InvalidIdentityException.class, () -> normalizer.crmId("crm 1"));
    }
}
