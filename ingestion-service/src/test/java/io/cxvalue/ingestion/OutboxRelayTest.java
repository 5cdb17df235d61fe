package io.cxvalue.ingestion;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.ingestion.repository.InteractionRepository;
import io.cxvalue.ingestion.repository.MongoCollections;
import io.cxvalue.testsupport.KafkaTestClient;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    InteractionRepository repository;

    @Inject
    ReactiveMongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private final OutboxSequence sequence = new OutboxSequence(java.time.Clock.systemUTC());

    @Test
    void entriesLeftPendingByACrashArePublishedWithTheirStoredEventIds() {
        // As if the service stored these and died before the relay ran: only the store knows about them.
        String customerId = "c-crash-" + UUID.randomUUID();
        List<String> eventIds = List.of(storePending(customerId), storePending(customerId), storePending(customerId));

        List<ConsumerRecord<String, String>> records = InteractionResourceTest.recordsOf(customerId, 3);

        assertEquals(eventIds, records.stream().map(r -> KafkaTestClient.header(r, CloudEventHeaders.ID)).toList(),
                "each stored event published once, in the order stored, under the id fixed at storage");
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingOf(customerId) == 0);
    }

    @Test
    void anotherInstancesLiveLeaseHoldsTheRelayBackUntilItExpires() {
        Instant expires = Instant.now().plusSeconds(4);
        leases().updateOne(new Document("_id", "outbox-relay"),
                        new Document("$set", new Document("holder", "another-instance")
                                .append("expiresAt", Date.from(expires))),
                        new com.mongodb.client.model.UpdateOptions().upsert(true))
                .await().indefinitely();
        String customerId = "c-lease-" + UUID.randomUUID();
        storePending(customerId);

        List<ConsumerRecord<String, String>> whileHeld = KafkaTestClient.readUntil(
                io.cxvalue.contracts.Topics.INTERACTIONS, Duration.ofMillis(2500),
                records -> records.stream().anyMatch(r -> customerId.equals(r.key())));
        assertTrue(whileHeld.stream().noneMatch(r -> customerId.equals(r.key())),
                "nothing is published while another instance holds the lease");

        assertEquals(1, InteractionResourceTest.recordsOf(customerId, 1).size(),
                "published once the other instance's lease expired");
        assertTrue(Instant.now().isAfter(expires.minusMillis(500)));
    }

    private String storePending(String customerId) {
        InteractionRecorded record = new InteractionRecorded(UUID.randomUUID().toString(), "test",
                UUID.randomUUID().toString(), customerId, Channel.CHAT, Direction.INBOUND, Instant.now(), 3, 60,
                null, 10, false, "agent-1", "team-b", null, "delivery", 0, true, 0.2, null, null, null);
        Instant receivedAt = Instant.now();
        OutboxEvent event = OutboxEvent.of(record, receivedAt, sequence.next());
        boolean stored = repository.insert(new Interaction(record, receivedAt), List.of(event))
                .await().indefinitely();
        assertTrue(stored);
        return event.eventId();
    }

    private long pendingOf(String customerId) {
        return mongo.getDatabase(database).getCollection(MongoCollections.INTERACTIONS)
                .countDocuments(new Document("customerId", customerId)
                        .append("outbox.0", new Document("$exists", true)))
                .await().indefinitely();
    }

    private io.quarkus.mongodb.reactive.ReactiveMongoCollection<Document> leases() {
        return mongo.getDatabase(database).getCollection(MongoCollections.OUTBOX_LEASES);
    }
}
