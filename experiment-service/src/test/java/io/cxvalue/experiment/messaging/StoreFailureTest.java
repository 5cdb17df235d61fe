package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.experiment.ExperimentApi;
import io.cxvalue.experiment.TestDatabase;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.cxvalue.experiment.TestInteractions.handledUnder;
import static io.cxvalue.experiment.TestInteractions.uniqueId;
import static io.cxvalue.testsupport.KafkaTestClient.header;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real database fails writes for a while, with a trigger: raising PostgreSQL's "cannot connect now" (an outage,
 * as a restarting server answers), a good event is retried and, past the retry budget (shortened for the tests),
 * waited for, never dead-lettered; raising a check violation (a refusal), an event that outlasts the budget is parked
 * on the dead-letter topic and consumption goes on.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class StoreFailureTest {

    private static final Duration PROCESSING = Duration.ofSeconds(30);

    @Inject
    MeterRegistry registry;

    @AfterEach
    void endOutage() {
        TestDatabase.execute("drop trigger if exists simulated_outage on processed_event");
    }

    @Test
    void aTransientStoreFailureIsRetriedAndTheEventApplied() {
        String experimentId = uniqueId("exp");
        double failuresBefore = failedAttempts();
        startOutage("57P03", "simulated outage");

        String eventId = CloudEventRecords.publish(handledUnder(experimentId, "aht-target", uniqueId("cust")));
        await().atMost(PROCESSING).until(() -> failedAttempts() > failuresBefore);
        endOutage();

        await().atMost(PROCESSING).until(() -> ExperimentApi.totalContacts(experimentId) == 1);
        List<ConsumerRecord<String, String>> deadLetters =
                KafkaTestClient.readFor(DeadLetterTest.DEAD_LETTER_TOPIC, Duration.ofSeconds(2));
        assertTrue(deadLetters.stream().noneMatch(r -> eventId.equals(header(r, CloudEventHeaders.ID))),
                "the event was applied, yet it was also dead-lettered");
    }

    @Test
    void anOutageLongerThanTheRetryBudgetIsWaitedForAndNothingIsParked() {
        String experimentId = uniqueId("exp");
        double failuresBefore = failedAttempts();
        startOutage("57P03", "simulated outage");

        String eventId = CloudEventRecords.publish(handledUnder(experimentId, "aht-target", uniqueId("cust")));
        // The test budget is 5 retries: twice as many failed attempts means the consumer is waiting for the store.
        await().atMost(PROCESSING).until(() -> failedAttempts() >= failuresBefore + 12);
        endOutage();

        await().atMost(PROCESSING).until(() -> ExperimentApi.totalContacts(experimentId) == 1);
        List<ConsumerRecord<String, String>> deadLetters =
                KafkaTestClient.readFor(DeadLetterTest.DEAD_LETTER_TOPIC, Duration.ofSeconds(2));
        assertTrue(deadLetters.stream().noneMatch(r -> eventId.equals(header(r, CloudEventHeaders.ID))),
                "the event was applied, yet it was also dead-lettered");
    }

    @Test
    void aRefusalLongerThanTheRetryBudgetDeadLettersTheEventAndConsumptionGoesOn() {
        String experimentId = uniqueId("exp");
        String customerId = uniqueId("cust");
        startOutage("23514", "simulated refusal");

        String eventId = CloudEventRecords.publish(handledUnder(experimentId, "aht-target", customerId));
        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(DeadLetterTest.DEAD_LETTER_TOPIC,
                PROCESSING, read -> read.stream().anyMatch(r -> eventId.equals(header(r, CloudEventHeaders.ID))));
        endOutage();

        ConsumerRecord<String, String> dead = records.stream()
                .filter(r -> eventId.equals(header(r, CloudEventHeaders.ID)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("event " + eventId + " was not dead-lettered"));
        String reason = header(dead, "dead-letter-reason");
        assertNotNull(reason);
        assertTrue(reason.contains("simulated refusal"), reason);
        ExperimentApi.contacts(experimentId).statusCode(404);

        InteractionConsumerTest.awaitSentinelAfter(customerId);
    }

    private double failedAttempts() {
        return registry.find(PollConsumer.FAILED_ATTEMPTS).tag("group", "experiment-service")
                .tag("topic", Topics.INTERACTIONS).counter().count();
    }

    /** Every insert into processed_event fails with the SQL state and message until {@link #endOutage()}. */
    private static void startOutage(String sqlState, String message) {
        TestDatabase.execute("""
                create or replace function simulate_outage() returns trigger language plpgsql as $$
                begin
                    raise exception '%s' using errcode = '%s';
                end $$""".formatted(message, sqlState));
        TestDatabase.execute("""
                create trigger simulated_outage before insert on processed_event
                for each statement execute function simulate_outage()""");
    }
}
