package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.scoring.Erasures;
import io.cxvalue.scoring.ScoringDatabase;
import io.cxvalue.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.cxvalue.scoring.Interactions.newCustomerId;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay against the real outbox table and broker. */
@QuarkusTest
class OutboxRelayTest {

    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(30);

    @Inject
    OutboxRelay relay;

    @Test
    void rowsLeftPendingByACrashArePublishedInOrderWithTheirStoredIdsAndDeleted() {
        // As if the service committed these and died before its relay ran: only the table knows about them.
        String customerId = newCustomerId();
        List<String> erasureIds = List.of("er-" + UUID.randomUUID(), "er-" + UUID.randomUUID(),
                "er-" + UUID.randomUUID());
        List<String> eventIds = erasureIds.stream().map(erasureId -> insertPending(customerId, erasureId)).toList();

        relay.wake();

        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(Topics.ERASURES, PUBLISHED_WITHIN,
                        read -> ofCustomer(read, customerId).size() >= 3);
        assertEquals(eventIds, ofCustomer(records, customerId).stream()
                        .map(r -> KafkaTestClient.header(r, CloudEventHeaders.ID)).toList(),
                "each stored event published once, in the order stored, under the id fixed at storage");
        await().atMost(Duration.ofSeconds(10)).until(() -> ErasureConsumerTest.pendingOutboxRows(customerId) == 0);
    }

    @Test
    void rowsAnotherRelayHoldsAreSkippedNotSentTwiceAndGoOutOnceReleased() throws Exception {
        String customerId = newCustomerId();
        String freeErasure = "er-" + UUID.randomUUID();
        String heldErasure = null;

        try (Connection otherRelay = ScoringDatabase.connect()) {
            // Another instance's relay claims the older row and is still waiting for its acks. The polling relay may
            // win the race for a row just inserted: then the claim finds it gone, and the test tries a new one.
            otherRelay.setAutoCommit(false);
            for (int attempt = 0; attempt < 5 && heldErasure == null; attempt++) {
                String erasureId = "er-" + UUID.randomUUID();
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
            assertEquals(1, ErasureConsumerTest.pendingOutboxRows(customerId));
            otherRelay.rollback();
        }

        // Released without being deleted (as when the other relay's round failed): this relay's next round sends it.
        String released = heldErasure;
        relay.wake();
        Erasures.awaitCompletions(released, PUBLISHED_WITHIN);
        await().atMost(Duration.ofSeconds(10)).until(() -> ErasureConsumerTest.pendingOutboxRows(customerId) == 0);
        assertEquals(1, Erasures.completionsAfter(released, Duration.ofSeconds(1)).size());
    }

    /** Stores an ErasureCompleted in the outbox as the service would; returns its event id. */
    static String insertPending(String customerId, String erasureId) {
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ScoringDatabase.update("insert into outbox_event (event_id, topic, event_key, ce_type, payload, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)",
                eventId, Topics.ERASURES, customerId, EventType.ERASURE_COMPLETED.ceType(),
                EventJson.write(new ErasureCompleted(erasureId, customerId, "scoring-service", now)),
                Timestamp.from(now));
        return eventId;
    }

    private static List<ConsumerRecord<String, String>> ofCustomer(List<ConsumerRecord<String, String>> records,
            String customerId) {
        return records.stream().filter(r -> customerId.equals(r.key())).toList();
    }
}
