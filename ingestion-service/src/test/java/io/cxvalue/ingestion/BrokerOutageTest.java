package io.cxvalue.ingestion;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.ingestion.repository.OutboxRepository;
import io.cxvalue.testsupport.KafkaBrokerProcess;
import io.cxvalue.testsupport.KafkaProcessTestResource;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.MongoTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing accepted is lost when the broker dies: records accepted while Kafka is down wait in the outbox and reach
 * the topic once it is back, each exactly once after consumers drop repeats by event id.
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.ChildProcessBroker.class)
class BrokerOutageTest {

    /** The broker runs in a child process here, so that the test can kill it. */
    public static class ChildProcessBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaProcessTestResource.class),
                    new TestResourceEntry(MongoTestResource.class),
                    new TestResourceEntry(OidcWiremockTestResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // Fail sends quickly while the broker is gone so rounds retry often once it is back.
            return Map.of("mp.messaging.outgoing.outbox.delivery.timeout.ms", "8000",
                    "mp.messaging.outgoing.outbox.request.timeout.ms", "3000");
        }
    }

    @Inject
    OutboxRepository outbox;

    @Test
    void recordsAcceptedWhileTheBrokerIsDeadArePublishedOnceItIsBack() {
        String customer = "c-outage-" + UUID.randomUUID();
        List<String> accepted = new ArrayList<>();
        accepted.addAll(post(customer, 20));
        awaitOnTopic(customer, accepted.size());

        KafkaBrokerProcess broker = KafkaProcessTestResource.broker();
        broker.kill();
        accepted.addAll(post(customer, 60));
        // The store accepted them; the relay cannot publish them.
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.countPending().await().indefinitely() > 0);

        broker.start();
        List<ConsumerRecord<String, String>> records = awaitOnTopic(customer, accepted.size());

        Map<String, List<ConsumerRecord<String, String>>> byEventId = records.stream()
                .collect(Collectors.groupingBy(r -> KafkaTestClient.header(r, CloudEventHeaders.ID)));
        Set<String> published = byEventId.values().stream()
                .map(copies -> EventJson.read(copies.get(0).value(), InteractionRecorded.class).externalId())
                .collect(Collectors.toSet());
        assertEquals(Set.copyOf(accepted), published, "every accepted record is on the topic");
        assertEquals(accepted.size(), byEventId.size(), "one event id per accepted record");
        byEventId.values().forEach(copies -> assertTrue(copies.stream().map(ConsumerRecord::value)
                .distinct().count() == 1, "a resend carries the same payload under the same event id"));
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.countPending().await().indefinitely() == 0);
    }

    private static List<String> post(String customer, int count) {
        List<String> externalIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String externalId = Interactions.unique("outage");
            given().auth().oauth2(TestTokens.withRoles("ingest")).contentType(ContentType.JSON)
                    .body(Interactions.voiceCall(externalId, customer))
                    .when().post("/api/v1/interactions")
                    .then().statusCode(201);
            externalIds.add(externalId);
        }
        return externalIds;
    }

    private static List<ConsumerRecord<String, String>> awaitOnTopic(String customer, int distinctEvents) {
        return KafkaTestClient.readUntil(Topics.INTERACTIONS, Duration.ofSeconds(90),
                        records -> records.stream().filter(r -> customer.equals(r.key()))
                                .map(r -> KafkaTestClient.header(r, CloudEventHeaders.ID))
                                .distinct().count() >= distinctEvents)
                .stream().filter(r -> customer.equals(r.key())).toList();
    }
}
