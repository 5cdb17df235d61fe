package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.experiment.Erasures;
import io.cxvalue.experiment.TestDatabase;
import io.cxvalue.experiment.service.ErasureService;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.cxvalue.experiment.TestInteractions.uniqueId;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay against the real outbox table and broker. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class OutboxRelayTest {

    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(30);

    @Inject
    OutboxRelay relay;

    @Inject
    ErasureService erasures;

    @Test
    void rowsLeftPendingByACrashArePublishedInOrderWithTheirStoredIdsAndDeleted() {
        // As if the service committed these and died before its relay ran: only the table knows about them.
        String customerId = uniqueId("cust");
        List<String> eventIds = List.of(insertPending(customerId, uniqueId("er")),
                insertPending(customerId, uniqueId("er")), insertPending(customerId, uniqueId("er")));

        relay.wake();

        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(Topics.ERASURES, PUBLISHED_WITHIN,
                read -> ofCustomer(read, customerId).size() >= 3);
        assertEquals(eventIds, ofCustomer(records, customerId).stream()
                        .map(r -> KafkaTestClient.header(r, CloudEventHeaders.ID)).toList(),
                "each stored event published once, in the order stored, under the id fixed at storage");
        await().atMost(Duration.ofSeconds(10)).until(() -> Erasures.pendingOutboxRows(customerId) == 0);
    }

    @Test
    void aConfirmationWrittenByTheServiceTransactionIsPublishedByARelayRound() throws Throwable {
        String customerId = uniqueId("cust");
        String erasureId = uniqueId("er");
        // The service's own transaction, without Kafka in front: the row is there before any relay round.
        VertxContextSupport.subscribeAndAwait(() -> erasures.erase(UUID.randomUUID().toString(),
                new ErasureRequested(erasureId, customerId, Instant.now())));

        // Relay rounds run here and on the poll; whichever takes the row, it goes out once and is deleted.
        relay.relay().await().atMost(PUBLISHED_WITHIN);
        assertEquals(customerId, Erasures.awaitCompletions(erasureId, PUBLISHED_WITHIN).get(0).key());
        await().atMost(Duration.ofSeconds(10)).until(() -> Erasures.pendingOutboxRows(customerId) == 0);
        assertEquals(1, Erasures.completionsAfter(erasureId, Duration.ofSeconds(2)).size());
    }

    @Test
    void rowsAnotherRelayHoldsAreSkippedNotSentTwiceAndGoOutOnceReleased() throws Exception {
        String customerId = uniqueId("cust");
        String freeErasure = uniqueId("er");
        String heldErasure = null;

        try (Connection otherRelay = TestDatabase.connect()) {
            // Another instance's relay claims the older row and is still waiting for its acks. The polling relay may
            // win the race for a row just inserted: then the claim finds it gone, and the test tries a new one.
            otherRelay.setAutoCommit(false);
            for (int attempt = 0; attempt < 5 && heldErasure == null; attempt++) {
                String erasureId = uniqueId("er");
                String eventId = insertPending(customerId, erasureId);
                try (var statement = otherRelay.prepareStatement(
                        "select event_id from outbox_event where event_id = ? for update")) {
                    statement.setString(1, eventId);
                    try (var claimed = statement.executeQuery()) {
                        heldErasure = claimed.next() ? erasureId : null;
                    }
                }
            }
            assertTrue(heldErasure != null, "could not claim a row before the relay did");
            insertPending(customerId, freeErasure);
            relay.wake();

            // The free row goes out past the held one, without waiting for its lock.
            Erasures.awaitCompletions(freeErasure, PUBLISHED_WITHIN);
            assertTrue(Erasures.completionsAfter(heldErasure, Duration.ofSeconds(2)).isEmpty(),
                    "a row claimed by another relay is not sent by this one");
            assertEquals(1, Erasures.pendingOutboxRows(customerId));
            otherRelay.rollback();
        }

        // Released without being deleted (as when the other relay's round failed): this relay's next round sends it.
        String released = heldErasure;
        relay.wake();
        Erasures.awaitCompletions(released, PUBLISHED_WITHIN);
        await().atMost(Duration.ofSeconds(10)).until(() -> Erasures.pendingOutboxRows(customerId) == 0);
        assertEquals(1, Erasures.completionsAfter(released, Duration.ofSeconds(1)).size());
    }

    /** Stores an ErasureCompleted in the outbox as the service would; returns its event id. */
    static String insertPending(String customerId, String erasureId) {
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestDatabase.update("insert into outbox_event (event_id, topic, event_key, ce_type, payload, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)",
                eventId, Topics.ERASURES, customerId, EventType.ERASURE_COMPLETED.ceType(),
                EventJson.write(new ErasureCompleted(erasureId, customerId, ErasureService.SERVICE, now)),
                Timestamp.from(now));
        return eventId;
    }

    private static List<ConsumerRecord<String, String>> ofCustomer(List<ConsumerRecord<String, String>> records,
            String customerId) {
        return records.stream().filter(r -> customerId.equals(r.key())).toList();
    }
}
