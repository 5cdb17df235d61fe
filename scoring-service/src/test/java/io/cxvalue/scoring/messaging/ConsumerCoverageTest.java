package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.Topics;
import io.cxvalue.scoring.DataCoverage;
import io.cxvalue.scoring.ScoringDatabase;
import io.cxvalue.testsupport.CloudEventRecords;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cxvalue.scoring.CustomerEvents.purchase;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a fit or a run saw: the latest applied event per topic, from the store, and the group's lag, from Kafka. */
@QuarkusTest
class ConsumerCoverageTest {

    @Inject
    ConsumerCoverage coverage;

    @Test
    void theLatestAppliedEventAndTheLagAreThoseOfTheTopic() {
        String customerId = "c-coverage-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        Instant at = Instant.parse("2026-01-05T09:00:00Z");
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            CloudEventRecords.publish(purchase(customerId, "10.00", at.plusSeconds(86_400L * i)), id);
            ids.add(id);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ScoringDatabase.count(
                "select count(*) from processed_event where event_id = any(?)",
                (Object) ids.toArray(String[]::new)) == 3);

        // Committed offsets follow the applied events within the connector's commit interval (5 s).
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Long.valueOf(0).equals(transactions(measure()).lag()));
        DataCoverage measured = measure();
        DataCoverage.Topic transactions = transactions(measured);
        assertTrue(ids.contains(transactions.latestEventId()), transactions + " names one of " + ids);
        assertNotNull(transactions.latestAppliedAt());
        assertEquals(List.of(Topics.TRANSACTIONS, Topics.CUSTOMERS),
                measured.topics().stream().map(DataCoverage.Topic::topic).toList());

        // A group that has read nothing lags by every event of the topic, at least the three just published.
        Map<String, Long> untouched = coverage.lag("nobody-" + UUID.randomUUID(), List.of(Topics.TRANSACTIONS));
        assertTrue(untouched.get(Topics.TRANSACTIONS) >= 3, untouched.toString());
    }

    private DataCoverage measure() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                    coverage.measure(List.of(Topics.TRANSACTIONS, Topics.CUSTOMERS))));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataCoverage.Topic transactions(DataCoverage coverage) {
        return coverage.topics().stream().filter(t -> t.topic().equals(Topics.TRANSACTIONS)).findFirst()
                .orElseThrow();
    }
}
