package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.experiment.ExperimentApi;
import io.cxvalue.experiment.TestDatabase;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.cxvalue.experiment.TestInteractions.handledUnder;
import static io.cxvalue.experiment.TestInteractions.uniqueId;
import static io.cxvalue.experiment.TestInteractions.withoutExperiment;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Events published onto the real broker exactly as ingestion publishes them, observed through the REST API.
 *
 * <p>To show that an event changed nothing, a sentinel event for the same customer is published after it: the same
 * record key puts it on the same partition, so once the sentinel is visible the earlier event has been handled.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class InteractionConsumerTest {

    private static final Duration PROCESSING = Duration.ofSeconds(30);

    @Inject
    MeterRegistry registry;

    @Test
    void aContactUnderAVariantIsCounted() {
        String experimentId = uniqueId("exp");

        CloudEventRecords.publish(handledUnder(experimentId, "aht-target", uniqueId("cust")));

        await().atMost(PROCESSING).until(() -> ExperimentApi.totalContacts(experimentId) == 1);
        ExperimentApi.contacts(experimentId)
                .statusCode(200)
                .body("variants.variant", contains("aht-target"))
                .body("variants[0].contacts", equalTo(1))
                .body("variants[0].customers", equalTo(1));
    }

    @Test
    void theSameEventDeliveredTwiceIsCountedOnce() {
        String experimentId = uniqueId("exp");
        String customerId = uniqueId("cust");
        InteractionRecorded interaction = handledUnder(experimentId, "aht-target", customerId);
        String eventId = UUID.randomUUID().toString();

        CloudEventRecords.publish(interaction, eventId);
        await().atMost(PROCESSING).until(() -> ExperimentApi.totalContacts(experimentId) == 1);
        double redeliveriesBefore = consumed("duplicate");
        CloudEventRecords.publish(interaction, eventId);
        awaitSentinelAfter(customerId);

        ExperimentApi.contacts(experimentId).statusCode(200).body("total", equalTo(1));
        // Recognised by its event id (the contact is not counted twice either way).
        assertEquals(redeliveriesBefore + 1, consumed("duplicate"));
    }

    @Test
    void twoDifferentEventsAreCountedTwice() {
        String experimentId = uniqueId("exp");
        String customerId = uniqueId("cust");

        CloudEventRecords.publish(handledUnder(experimentId, "unlimited-time", customerId));
        CloudEventRecords.publish(handledUnder(experimentId, "unlimited-time", customerId));

        await().atMost(PROCESSING).until(() -> ExperimentApi.totalContacts(experimentId) == 2);
        // Two contacts of one customer: the customers are counted distinct.
        ExperimentApi.contacts(experimentId)
                .statusCode(200)
                .body("variants[0].contacts", equalTo(2))
                .body("variants[0].customers", equalTo(1));
    }

    @Test
    void theSameInteractionRepublishedUnderANewEventIdIsOneContact() {
        String experimentId = uniqueId("exp");
        String customerId = uniqueId("cust");
        InteractionRecorded interaction = handledUnder(experimentId, "aht-target", customerId);

        double republishedBefore = consumed("duplicate");
        CloudEventRecords.publish(interaction);
        CloudEventRecords.publish(interaction);
        awaitSentinelAfter(customerId);

        ExperimentApi.contacts(experimentId).statusCode(200).body("total", equalTo(1));
        assertEquals(republishedBefore + 1, consumed("duplicate"));
    }

    /** A contact reported under no variant records nothing here (its exposure is the outcome path's). */
    @Test
    void anInteractionWithoutExperimentRecordsNoContact() {
        String customerId = uniqueId("cust");
        InteractionRecorded interaction = withoutExperiment(customerId);

        String eventId = CloudEventRecords.publish(interaction);
        awaitSentinelAfter(customerId);

        assertEquals(0, TestDatabase.count("select count(*) from processed_event where event_id = ?", eventId));
        assertEquals(0, TestDatabase.count("select count(*) from variant_contact where interaction_id = ?",
                interaction.interactionId()));
    }

    private double consumed(String outcome) {
        // the compliance consumer's (group experiment-service); the outcomes consumer reads the topic too
        Counter counter = registry.find(PollConsumer.EVENTS).tag("group", "experiment-service")
                .tag("topic", Topics.INTERACTIONS).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Publishes a contact of the customer under a fresh experiment and waits until it is counted. */
    static void awaitSentinelAfter(String customerId) {
        String sentinelExperiment = uniqueId("sentinel");
        CloudEventRecords.publish(handledUnder(sentinelExperiment, "control", customerId));
        await().atMost(PROCESSING).until(() -> ExperimentApi.totalContacts(sentinelExperiment) == 1);
    }
}
