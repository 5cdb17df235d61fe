package io.cxvalue.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static String json(Object value) throws Exception {
        return JSON.writeValueAsString(value);
    }

    @Test
    void theSameArgumentsGiveTheSameRecords() throws Exception {
        SeedData a = new SeedData("run-1", 42, NOW);
        SeedData b = new SeedData("run-1", 42, NOW);
        for (int i = 0; i < 200; i++) {
            assertEquals(json(a.profile(i)), json(b.profile(i)));
            assertEquals(json(a.transactions(i)), json(b.transactions(i)));
            assertEquals(json(a.interactions(i)), json(b.interactions(i)));
            assertEquals(json(a.surveys(i)), json(b.surveys(i)));
        }
    }

    @Test
    void anotherSeedGivesOtherHistories() throws Exception {
        SeedData a = new SeedData("run-1", 42, NOW);
        SeedData b = new SeedData("run-1", 43, NOW);
        int differ = 0;
        for (int i = 0; i < 50; i++) {
            if (!json(a.transactions(i)).equals(json(b.transactions(i)))) {
                differ++;
            }
        }
        assertTrue(differ > 40);
    }

    @Test
    void phonesAreDistinctNationalMobilesAndTheirE164Form() {
        SeedData d = new SeedData("run-1", 42, NOW);
        Set<String> phones = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String phone = d.phone(i);
            assertTrue(phone.matches("07[4-9]\\d\\d \\d{6}"), phone);
            assertEquals("+44" + phone.substring(1).replace(" ", ""), d.e164(i));
            assertTrue(phones.add(phone));
        }
        assertTrue(SeedData.unknownPhone(7).matches("020 7946 0007"));
        assertFalse(phones.contains(SeedData.unknownPhone(7)));
    }

    @Test
    void runsGetTheirOwnIdsAndAddresses() {
        SeedData a = new SeedData("run-1", 42, NOW);
        SeedData b = new SeedData("run-2", 42, NOW);
        assertNotEquals(a.profileExternalId(0), b.profileExternalId(0));
        assertNotEquals(a.email(0), b.email(0));
        assertThrows(IllegalArgumentException.class, () -> new SeedData("bad id", 1, NOW));
        assertThrows(IllegalArgumentException.class, () -> a.phone(SeedData.MAX_CUSTOMERS));
    }

    @Test
    void historiesLookLikeACustomerBase() {
        SeedData d = new SeedData("run-1", 42, NOW);
        int customers = 5000;
        int purchases = 0;
        int repeatBuyers = 0;
        int withContacts = 0;
        int withSurveys = 0;
        for (int i = 0; i < customers; i++) {
            List<Map<String, Object>> tx = d.transactions(i);
            purchases += tx.size();
            repeatBuyers += tx.size() > 1 ? 1 : 0;
            Instant previous = Instant.MIN;
            for (Map<String, Object> t : tx) {
                Instant at = Instant.parse((String) t.get("occurredAt"));
                assertTrue(at.isBefore(NOW) && at.isAfter(NOW.minus(731, ChronoUnit.DAYS)), at.toString());
                assertTrue(at.isAfter(previous), "oldest first");
                previous = at;
                assertEquals(d.customerId(i), t.get("customerId"));
            }
            for (Map<String, Object> c : d.interactions(i)) {
                Instant at = Instant.parse((String) c.get("startedAt"));
                assertTrue(at.isBefore(NOW) && at.isAfter(NOW.minus(30, ChronoUnit.DAYS)));
            }
            withContacts += d.interactions(i).isEmpty() ? 0 : 1;
            withSurveys += d.surveys(i).isEmpty() ? 0 : 1;
        }
        double mean = purchases / (double) customers;
        assertTrue(mean > 1.5 && mean < 8, "mean purchases " + mean);
        assertTrue(repeatBuyers > customers / 3, "repeat buyers " + repeatBuyers);
        assertTrue(withContacts > customers / 4 && withContacts < customers / 2, "with contacts " + withContacts);
        assertTrue(withSurveys > customers / 6 && withSurveys < customers / 3, "with surveys " + withSurveys);
    }

    @Test
    void theCardMixHasTheRequestedShares() {
        SeedData d = new SeedData("run-1", 42, NOW);
        String[] ids = new String[1000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "cust-" + i;
        }
        LoadRunner.Target[] mix = CallerCardBenchmark.cardMix(ids, d, 42, 0.05, 0.5, 20_000);
        int unknown = 0;
        int byPhone = 0;
        int byId = 0;
        for (LoadRunner.Target t : mix) {
            if (t.uri().startsWith("/api/v1/callers?phone=020")) {
                unknown++;
                assertEquals("\"known\":false", t.expectInBody());
            } else if (t.uri().startsWith("/api/v1/callers?phone=07")) {
                byPhone++;
                assertTrue(t.uri().contains("+"), "the space of the national format is encoded: " + t.uri());
            } else {
                assertTrue(t.uri().startsWith("/api/v1/callers/cust-"));
                byId++;
            }
        }
        assertEquals(0.05, unknown / 20_000.0, 0.01);
        assertEquals(byPhone, byId, 20_000 * 0.03);
        assertEquals(List.of(mix[0], mix[1]), List.of(CallerCardBenchmark.cardMix(ids, d, 42, 0.05, 0.5, 2)));
    }
}
