package io.cxvalue.scoring.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cxvalue.scoring.CustomerContactsApi.awaitContacts;
import static io.cxvalue.scoring.Interactions.interaction;
import static io.cxvalue.scoring.Interactions.newCustomerId;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consumer against the real broker and database: events in through Kafka, results out through the REST API. */
@QuarkusTest
class InteractionConsumerTest {

    static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.INTERACTIONS, "scoring-service");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void appliesPublishedInteractionsToTheCustomersSummary() {
        String customerId = newCustomerId();
        CloudEventRecords.publish(interaction(customerId, Channel.VOICE, T0, false, "billing", 0.4));
        CloudEventRecords.publish(interaction(customerId, Channel.CHAT, T0.plusSeconds(3600), false, "delivery", -0.5));
        CloudEventRecords.publish(interaction(customerId, Channel.VOICE, T0.plusSeconds(1800), true, null, null));

        awaitContacts(customerId, 3)
                .body("customerId", equalTo(customerId))
                .body("abandonedContacts", equalTo(1))
                .body("byChannel", aMapWithSize(2))
                .body("byChannel.VOICE", equalTo(2))
                .body("byChannel.CHAT", equalTo(1))
                .body("firstContactAt", equalTo("2026-03-01T10:00:00Z"))
                .body("lastContactAt", equalTo("2026-03-01T11:00:00Z"))
                .body("lastChannel", equalTo("CHAT"))
                .body("lastContactReason", equalTo("delivery"))
                .body("lastSentiment", equalTo(-0.5f));
    }

    @Test
    void lastContactIsTheLatestStartedEvenWhenItArrivesFirst() {
        String customerId = newCustomerId();
        CloudEventRecords.publish(interaction(customerId, Channel.EMAIL, T0.plusSeconds(86_400), false, "refund", null));
        CloudEventRecords.publish(interaction(customerId, Channel.VOICE, T0, false, "billing", 0.9));

        awaitContacts(customerId, 2)
                .body("firstContactAt", equalTo("2026-03-01T10:00:00Z"))
                .body("lastContactAt", equalTo("2026-03-02T10:00:00Z"))
                .body("lastChannel", equalTo("EMAIL"))
                .body("lastContactReason", equalTo("refund"))
                .body("lastSentiment", nullValue());
    }

    @Test
    void anEventDeliveredTwiceWithTheSameIdCountsOnce() {
        String customerId = newCustomerId();
        InteractionRecorded call = interaction(customerId, Channel.VOICE, T0);
        String eventId = UUID.randomUUID().toString();
        CloudEventRecords.publish(call, eventId);
        CloudEventRecords.publish(call, eventId);
        // Same key, same partition: once this one is applied, the redelivery before it has been processed too.
        CloudEventRecords.publish(interaction(customerId, Channel.CHAT, T0.plusSeconds(60)));

        awaitContacts(customerId, 2)
                .body("byChannel.VOICE", equalTo(1))
                .body("byChannel.CHAT", equalTo(1));
    }

    @Test
    void twoDifferentEventsCountTwice() {
        String customerId = newCustomerId();
        CloudEventRecords.publish(interaction(customerId, Channel.VOICE, T0));
        CloudEventRecords.publish(interaction(customerId, Channel.VOICE, T0.plusSeconds(60)));

        awaitContacts(customerId, 2).body("byChannel.VOICE", equalTo(2));
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndTheConsumerKeepsGoing() {
        String customerId = newCustomerId();
        String interactionType = EventType.INTERACTION_RECORDED.ceType();
        String validJson = EventJson.write(interaction(customerId, Channel.VOICE, T0));

        String invalidJsonId = UUID.randomUUID().toString();
        String invalidJson = "{\"interactionId\": \"i-1\", \"customerId\": ";
        KafkaTestClient.send(Topics.INTERACTIONS, customerId, invalidJson, headers(invalidJsonId, interactionType));

        String unknownTypeId = UUID.randomUUID().toString();
        String unknownType = "io.cxvalue.interaction.recorded.v9";
        KafkaTestClient.send(Topics.INTERACTIONS, customerId, validJson, headers(unknownTypeId, unknownType));

        String withoutCustomerId = UUID.randomUUID().toString();
        ObjectNode payloadWithoutCustomer = EventJson.mapper().valueToTree(interaction(customerId, Channel.CHAT, T0));
        payloadWithoutCustomer.putNull("customerId");
        KafkaTestClient.send(Topics.INTERACTIONS, customerId, payloadWithoutCustomer.toString(),
                headers(withoutCustomerId, interactionType));

        KafkaTestClient.send(Topics.INTERACTIONS, customerId, validJson, Map.of(
                CloudEventHeaders.TYPE, interactionType, CloudEventHeaders.SPEC_VERSION, "1.0"));

        // Published after the bad records, on the same partition: applied only if the consumer kept going.
        CloudEventRecords.publish(interaction(customerId, Channel.SMS, T0.plusSeconds(60)));
        awaitContacts(customerId, 1).body("byChannel.SMS", equalTo(1));

        List<ConsumerRecord<String, String>> deadLetters = KafkaTestClient.readUntil(DEAD_LETTER_TOPIC,
                Duration.ofSeconds(30), records -> ofCustomer(records, customerId).size() >= 4);
        List<ConsumerRecord<String, String>> ours = ofCustomer(deadLetters, customerId);
        assertEquals(4, ours.size(), "dead letters of " + customerId);

        ConsumerRecord<String, String> badJson = withEventId(ours, invalidJsonId);
        assertEquals(invalidJson, badJson.value());
        assertThat(KafkaTestClient.header(badJson, "dead-letter-reason"),
                containsString("Payload is not JSON"));
        assertDeadLetteredFromTheInteractionsTopic(badJson);

        ConsumerRecord<String, String> unknown = withEventId(ours, unknownTypeId);
        assertEquals(validJson, unknown.value());
        assertEquals(unknownType, KafkaTestClient.header(unknown, CloudEventHeaders.TYPE));
        assertThat(KafkaTestClient.header(unknown, "dead-letter-reason"), containsString("Unknown event type"));
        assertDeadLetteredFromTheInteractionsTopic(unknown);

        ConsumerRecord<String, String> noCustomer = withEventId(ours, withoutCustomerId);
        assertThat(KafkaTestClient.header(noCustomer, "dead-letter-reason"),
                containsString("$.customerId: null found, string expected"));
        assertDeadLetteredFromTheInteractionsTopic(noCustomer);

        ConsumerRecord<String, String> noEventId = ours.stream()
                .filter(r -> KafkaTestClient.header(r, CloudEventHeaders.ID) == null).findFirst().orElseThrow();
        assertThat(KafkaTestClient.header(noEventId, "dead-letter-reason"), containsString("Missing ce_id"));
        assertDeadLetteredFromTheInteractionsTopic(noEventId);
    }

    private static void assertDeadLetteredFromTheInteractionsTopic(ConsumerRecord<String, String> deadLetter) {
        assertEquals(Topics.INTERACTIONS, KafkaTestClient.header(deadLetter, "dead-letter-topic"));
        assertThat(KafkaTestClient.header(deadLetter, "dead-letter-partition"), notNullValue());
        assertThat(KafkaTestClient.header(deadLetter, "dead-letter-offset"), notNullValue());
        assertTrue(Long.parseLong(KafkaTestClient.header(deadLetter, "dead-letter-offset")) >= 0);
    }

    static List<ConsumerRecord<String, String>> ofCustomer(List<ConsumerRecord<String, String>> records,
            String customerId) {
        return records.stream().filter(r -> customerId.equals(r.key())).toList();
    }

    static ConsumerRecord<String, String> withEventId(List<ConsumerRecord<String, String>> records, String eventId) {
        return records.stream()
                .filter(r -> eventId.equals(KafkaTestClient.header(r, CloudEventHeaders.ID)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No dead letter with ce_id " + eventId));
    }

    private static Map<String, String> headers(String eventId, String ceType) {
        return Map.of(
                CloudEventHeaders.ID, eventId,
                CloudEventHeaders.TYPE, ceType,
                CloudEventHeaders.SOURCE, "/test",
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    }
}
