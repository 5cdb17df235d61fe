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
 * The real database refuses writes for a while (a trigger raising PostgreSQL's "cannot connect now" error, as a
 * restarting server does): a good event is retried rather than dead-lettered, and only an outage that outlasts the
 * retry budget (shortened for the tests) parks it on the dead-letter topic.
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
        startOutage();

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
    void anOutageLongerThanTheRetryBudgetDeadLettersTheEventAndConsumptionGoesOn() {
        String experimentId = uniqueId("exp");
        String customerId = uniqueId("cust");
        startOutage();

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
        assertTrue(reason.contains("simulated outage"), reason);
        ExperimentApi.contacts(experimentId).statusCode(404);

        InteractionConsumerTest.awaitSentinelAfter(customerId);
    }

    private double failedAttempts() {
        return registry.find(PollConsumer.FAILED_ATTEMPTS).tag("topic", Topics.INTERACTIONS).counter().count();
    }

    private static void startOutage() {
        TestDatabase.execute("""
                create or replace function simulate_outage() returns trigger language plpgsql as $$
                begin
                    raise exception 'simulated outage' using errcode = '57P03';
                end $$""");
        TestDatabase.execute("""
                create trigger simulated_outage before insert on processed_event
                for each statement execute function simulate_outage()""");
    }
}
