package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sends a malformed record to a topic and checks it lands on scoring's dead-letter topic with the reason. */
final class DeadLetters {

    private DeadLetters() {
    }

    /** Sends a record whose payload is not JSON, with a valid {@code ce_type} of the topic; returns its ce_id. */
    static String sendUnparsable(EventType type, String customerId) {
        String eventId = UUID.randomUUID().toString();
        KafkaTestClient.send(type.topic(), customerId, "{\"customerId\": ", Map.of(
                CloudEventHeaders.ID, eventId,
                CloudEventHeaders.TYPE, type.ceType(),
                CloudEventHeaders.SOURCE, "/test",
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));
        return eventId;
    }

    /** Waits for the dead letter of {@code eventId} on {@code <topic>.dlq.scoring-service} and checks its reason. */
    static void assertDeadLettered(String topic, String customerId, String eventId, String reason) {
        String deadLetterTopic = Topics.deadLetter(topic, "scoring-service");
        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(deadLetterTopic,
                Duration.ofSeconds(30), all -> all.stream().anyMatch(r -> customerId.equals(r.key())));
        List<ConsumerRecord<String, String>> ours = records.stream().filter(r -> customerId.equals(r.key())).toList();
        assertEquals(1, ours.size(), "dead letters of " + customerId);
        ConsumerRecord<String, String> deadLetter = ours.get(0);
        assertEquals(eventId, KafkaTestClient.header(deadLetter, CloudEventHeaders.ID));
        assertEquals(topic, KafkaTestClient.header(deadLetter, "dead-letter-topic"));
        assertThat(KafkaTestClient.header(deadLetter, "dead-letter-reason"), containsString(reason));
    }
}
