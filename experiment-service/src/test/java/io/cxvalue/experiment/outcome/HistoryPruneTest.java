package io.cxvalue.experiment.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.experiment.TestDatabase;
import io.cxvalue.experiment.service.HistoryPruner;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** History older than the retention goes, except each customer's latest score; recent history stays. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class HistoryPruneTest {

    @Inject
    HistoryPruner pruner;

    static void event(String customer, Instant at, long key, String kind) {
        TestDatabase.update("insert into customer_event (customer_id, occurred_at, event_key, kind, clv) "
                + "values (?, ?, ?, ?, 100)", customer, Timestamp.from(at), key, kind);
    }

    static long count(String customer) {
        return TestDatabase.count("select count(*) from customer_event where customer_id = ?", customer);
    }

    @Test
    void oldHistoryIsDeletedButTheLatestScoreAndRecentEventsStay() {
        Instant old = pruner.cutoff().minus(Duration.ofDays(30));
        Instant recent = pruner.cutoff().plus(Duration.ofDays(30));
        String a = "prune-" + UUID.randomUUID();
        String b = "prune-" + UUID.randomUUID();
        event(a, old, 1, "CONTACT");
        event(a, old.plusSeconds(1), 2, "TRANSACTION");
        event(a, old.plusSeconds(2), 3, "SCORE");
        event(a, old.plusSeconds(3), 4, "SCORE"); // a's latest score: kept although old
        event(a, recent, 5, "SURVEY");
        event(b, old, 6, "SCORE"); // old, but b has a later score
        event(b, recent, 7, "SCORE");

        long deleted = pruner.prune().await().atMost(Duration.ofSeconds(30));

        assertTrue(deleted >= 4, "deleted " + deleted);
        assertEquals(2, count(a));
        assertEquals(1, TestDatabase.count("select count(*) from customer_event where customer_id = ? and "
                + "event_key = 4", a));
        assertEquals(1, count(b));
        assertEquals(1, TestDatabase.count("select count(*) from customer_event where customer_id = ? and "
                + "event_key = 7", b));
    }

    @Test
    void anEventOlderThanTheRetentionIsNotApplied() {
        String customer = "prune-" + UUID.randomUUID();
        Instant old = pruner.cutoff().minus(Duration.ofDays(1));
        io.cxvalue.testsupport.CloudEventRecords.publish(purchase(customer, old));
        // the same customer's recent event, published after it on the same partition: applied after it
        io.cxvalue.testsupport.CloudEventRecords.publish(purchase(customer, Instant.now()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(customer) == 1);
        assertEquals(0, TestDatabase.count("select count(*) from customer_event where customer_id = ? and "
                + "occurred_at < now() - interval '700 days'", customer));
    }

    static io.cxvalue.contracts.events.TransactionRecorded purchase(String customer, Instant at) {
        String id = UUID.randomUUID().toString();
        return new io.cxvalue.contracts.events.TransactionRecorded(id, "shop", "t-" + id, customer,
                io.cxvalue.contracts.events.TransactionKind.PURCHASE, java.math.BigDecimal.TEN, "EUR", "p-1", at, null,
                null);
    }
}
