package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.cxvalue.scoring.CustomerContactsApi.awaitContacts;
import static io.cxvalue.scoring.Interactions.interaction;
import static io.cxvalue.scoring.Interactions.newCustomerId;
import static io.cxvalue.scoring.messaging.InteractionConsumerTest.DEAD_LETTER_TOPIC;
import static io.cxvalue.scoring.messaging.InteractionConsumerTest.ofCustomer;
import static io.cxvalue.scoring.messaging.InteractionConsumerTest.withEventId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A valid event whose store update fails is retried, not dead-lettered: it is applied once the store recovers within
 * the retries, and dead-lettered (with the consumer moving on) only when the store stays down longer.
 * The test profile retries 20 times with back-off from 0.1 s to 0.5 s: a budget of roughly 5 to 13 s.
 */
@QuarkusTest
class StoreFailureRetryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Inject
    MeterRegistry registry;

    @Test
    void anEventIsAppliedExactlyOnceWhenTheStoreRecoversWithinTheRetries() {
        String customerId = newCustomerId();
        double failedAttemptsBefore = failedAttempts();
        double deadLetteredBefore = events("failed");
        String eventId;

        try (StoreOutage ignored = StoreOutage.begin()) {
            eventId = CloudEventRecords.publish(interaction(customerId, Channel.VOICE, T0));
            // The outage is real: the consumer tried and failed at least twice before it ends.
            await().atMost(Duration.ofSeconds(20)).until(() -> failedAttempts() >= failedAttemptsBefore + 2);
        }

        // Counted: the failed attempts' processed-event inserts were rolled back with their summary writes.
        awaitContacts(customerId, 1);
        assertEquals(deadLetteredBefore, events("failed"));
        List<ConsumerRecord<String, String>> deadLetters = KafkaTestClient.readFor(DEAD_LETTER_TOPIC,
                Duration.ofSeconds(2));
        assertTrue(deadLetters.stream().noneMatch(r -> eventId.equals(KafkaTestClient.header(r, CloudEventHeaders.ID))),
                "the event must not be dead-lettered");
    }

    @Test
    void anEventIsDeadLetteredWhenTheStoreStaysDownLongerThanTheRetriesAndTheConsumerMovesOn() {
        String customerId = newCustomerId();
        String eventId;
        List<ConsumerRecord<String, String>> deadLetters;

        try (StoreOutage ignored = StoreOutage.begin()) {
            eventId = CloudEventRecords.publish(interaction(customerId, Channel.VOICE, T0));
            deadLetters = KafkaTestClient.readUntil(DEAD_LETTER_TOPIC, Duration.ofSeconds(60),
                    records -> !ofCustomer(records, customerId).isEmpty());
        }

        ConsumerRecord<String, String> deadLetter = withEventId(ofCustomer(deadLetters, customerId), eventId);
        assertThat(KafkaTestClient.header(deadLetter, "dead-letter-reason"), containsString(StoreOutage.CONSTRAINT));
        assertEquals(Topics.INTERACTIONS, KafkaTestClient.header(deadLetter, "dead-letter-topic"));

        // The dead-lettered contact is not counted; the next one is.
        CloudEventRecords.publish(interaction(customerId, Channel.CHAT, T0.plusSeconds(60)));
        awaitContacts(customerId, 1)
                .body("byChannel.CHAT", equalTo(1))
                .body("byChannel.VOICE", nullValue());
    }

    private double failedAttempts() {
        return registry.get("cx.consumer.failed.attempts").tag("topic", Topics.INTERACTIONS).counter().count();
    }

    private double events(String outcome) {
        return registry.get("cx.consumer.events").tag("topic", Topics.INTERACTIONS).tag("outcome", outcome)
                .counter().count();
    }
}
