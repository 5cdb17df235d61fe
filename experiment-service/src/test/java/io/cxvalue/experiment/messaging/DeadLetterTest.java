package io.cxvalue.experiment.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.experiment.ExperimentApi;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cxvalue.experiment.TestInteractions.handledUnder;
import static io.cxvalue.experiment.TestInteractions.uniqueId;
import static io.cxvalue.testsupport.KafkaTestClient.header;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records that are not valid events go to the dead-letter topic with the reason, and consumption goes on. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class DeadLetterTest {

    static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.INTERACTIONS, "experiment-service");

    private static final String INTERACTION = EventType.INTERACTION_RECORDED.ceType();

    @Test
    void invalidJsonIsDeadLetteredAndTheNextEventIsStillApplied() {
        String key = uniqueId("cust");
        String eventId = UUID.randomUUID().toString();
        KafkaTestClient.send(Topics.INTERACTIONS, key, "{\"interactionId\": \"i-1\", ", headers(eventId, INTERACTION));

        ConsumerRecord<String, String> dead = awaitDeadLetter(key);

        assertDeadLetterHeaders(dead, "Payload is not JSON");
        assertEquals(eventId, header(dead, CloudEventHeaders.ID));
        assertEquals("{\"interactionId\": \"i-1\", ", dead.value());
        assertAppliedAfterwards(key);
    }

    @Test
    void anUnknownEventTypeIsDeadLettered() {
        String key = uniqueId("cust");
        String payload = EventJson.write(handledUnder(uniqueId("exp"), "aht-target", key));
        KafkaTestClient.send(Topics.INTERACTIONS, key, payload,
                headers(UUID.randomUUID().toString(), "io.cxvalue.interaction.recorded.v9"));

        ConsumerRecord<String, String> dead = awaitDeadLetter(key);

        assertDeadLetterHeaders(dead, "Unknown event type io.cxvalue.interaction.recorded.v9");
        assertAppliedAfterwards(key);
    }

    @Test
    void aRecordWithoutEventIdIsDeadLettered() {
        String key = uniqueId("cust");
        Map<String, String> headers = headers(null, INTERACTION);
        KafkaTestClient.send(Topics.INTERACTIONS, key,
                EventJson.write(handledUnder(uniqueId("exp"), "aht-target", key)), headers);

        assertDeadLetterHeaders(awaitDeadLetter(key), "Missing ce_id header");
        assertAppliedAfterwards(key);
    }

    @Test
    void aPayloadBreakingTheSchemaIsDeadLetteredAndNotCounted() throws Exception {
        String key = uniqueId("cust");
        String experimentId = uniqueId("exp");
        InteractionRecorded interaction = handledUnder(experimentId, "aht-target", key);
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(interaction));
        json.putNull("customerId");
        KafkaTestClient.send(Topics.INTERACTIONS, key, json.toString(), headers(UUID.randomUUID().toString(),
                INTERACTION));

        ConsumerRecord<String, String> dead = awaitDeadLetter(key);

        assertDeadLetterHeaders(dead, "customerId");
        assertAppliedAfterwards(key);
        ExperimentApi.contacts(experimentId).statusCode(404);
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String key) {
        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(DEAD_LETTER_TOPIC,
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> key.equals(r.key())));
        return records.stream()
                .filter(r -> key.equals(r.key()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No record with key " + key + " on " + DEAD_LETTER_TOPIC));
    }

    private static void assertDeadLetterHeaders(ConsumerRecord<String, String> dead, String reasonFragment) {
        String reason = header(dead, "dead-letter-reason");
        assertNotNull(reason, "dead-letter-reason header");
        assertTrue(reason.contains(reasonFragment), reason);
        assertEquals(Topics.INTERACTIONS, header(dead, "dead-letter-topic"));
        assertNotNull(header(dead, "dead-letter-partition"));
        assertNotNull(header(dead, "dead-letter-offset"));
    }

    /** A good event of the same customer, behind the poison record on its partition, is still applied. */
    private static void assertAppliedAfterwards(String customerId) {
        String experimentId = uniqueId("exp-after-poison");
        CloudEventRecords.publish(handledUnder(experimentId, "control", customerId));
        await().atMost(Duration.ofSeconds(30)).until(() -> ExperimentApi.totalContacts(experimentId) == 1);
    }

    private static Map<String, String> headers(String eventId, String ceType) {
        Map<String, String> headers = new HashMap<>();
        if (eventId != null) {
            headers.put(CloudEventHeaders.ID, eventId);
        }
        headers.put(CloudEventHeaders.TYPE, ceType);
        headers.put(CloudEventHeaders.SOURCE, "/test");
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }
}
