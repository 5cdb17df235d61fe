package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cxvalue.reporting.InteractionEvents.handled;
import static io.cxvalue.reporting.InteractionEvents.interaction;
import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.cxvalue.reporting.rest.Reports.contactCount;
import static io.cxvalue.testsupport.KafkaTestClient.header;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Records that cannot be applied land on {@code cx.interactions.dlq.reporting-service} with the reason, and the
 * consumer goes on: a good event published after the poison record on the same partition is still applied.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class DeadLetterTest {

    private static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.INTERACTIONS, "reporting-service");
    private static final Duration PROCESSING = Duration.ofSeconds(30);
    private static final Instant STARTED_AT = Instant.parse("2025-03-03T10:00:00Z");

    @Test
    void parksARecordThatIsNotJson() {
        String customer = uniqueId("cust");
        String eventId = UUID.randomUUID().toString();
        String value = "{\"interactionId\": \"int-1\", oops";
        KafkaTestClient.send(Topics.INTERACTIONS, customer, value,
                headers(eventId, EventType.INTERACTION_RECORDED.ceType()));

        ConsumerRecord<String, String> parked = awaitParkedAndConsumptionGoesOn(customer);

        assertThat(parked.value(), equalTo(value));
        assertThat(header(parked, "dead-letter-reason"), containsString("Payload is not JSON"));
        assertThat(header(parked, CloudEventHeaders.ID), equalTo(eventId));
    }

    @Test
    void parksAValidJsonPayloadOfAnUnknownEventType() {
        String customer = uniqueId("cust");
        String unknownType = "io.cxvalue.interaction.recorded.v9";
        String value = EventJson.write(handled(uniqueId("team"), customer, STARTED_AT, 60, 0, 0));
        KafkaTestClient.send(Topics.INTERACTIONS, customer, value, headers(UUID.randomUUID().toString(), unknownType));

        ConsumerRecord<String, String> parked = awaitParkedAndConsumptionGoesOn(customer);

        assertThat(header(parked, "dead-letter-reason"), equalTo("Unknown event type " + unknownType));
        assertThat(header(parked, CloudEventHeaders.TYPE), equalTo(unknownType));
        assertThat(parked.value(), equalTo(value));
    }

    @Test
    void parksAnEventOfAnotherTopicsType() {
        String customer = uniqueId("cust");
        String value = EventJson.write(handled(uniqueId("team"), customer, STARTED_AT, 60, 0, 0));
        KafkaTestClient.send(Topics.INTERACTIONS, customer, value,
                headers(UUID.randomUUID().toString(), EventType.CUSTOMER_UPSERTED.ceType()));

        ConsumerRecord<String, String> parked = awaitParkedAndConsumptionGoesOn(customer);

        assertThat(header(parked, "dead-letter-reason"), equalTo("Event type " + EventType.CUSTOMER_UPSERTED.ceType()
                + " belongs on topic " + Topics.CUSTOMERS + ", not " + Topics.INTERACTIONS));
    }

    @Test
    void parksAnInteractionWithoutCustomerId() {
        String customer = uniqueId("cust");
        InteractionRecorded withoutCustomer = interaction(uniqueId("team"), null, STARTED_AT, 60, 0, 0, false);
        KafkaTestClient.send(Topics.INTERACTIONS, customer, EventJson.write(withoutCustomer),
                headers(UUID.randomUUID().toString(), EventType.INTERACTION_RECORDED.ceType()));

        ConsumerRecord<String, String> parked = awaitParkedAndConsumptionGoesOn(customer);

        assertThat(header(parked, "dead-letter-reason"), containsString("$: required property 'customerId' not found"));
    }

    @Test
    void parksAnInteractionWithANegativeDuration() {
        String customer = uniqueId("cust");
        InteractionRecorded negativeTalk = interaction(uniqueId("team"), customer, STARTED_AT, -5, 0, 0, false);
        KafkaTestClient.send(Topics.INTERACTIONS, customer, EventJson.write(negativeTalk),
                headers(UUID.randomUUID().toString(), EventType.INTERACTION_RECORDED.ceType()));

        ConsumerRecord<String, String> parked = awaitParkedAndConsumptionGoesOn(customer);

        assertThat(header(parked, "dead-letter-reason"), containsString("$.talkSeconds: must have a minimum value of 0"));
    }

    @Test
    void parksARecordWithoutEventId() {
        String customer = uniqueId("cust");
        Map<String, String> headers = headers(UUID.randomUUID().toString(), EventType.INTERACTION_RECORDED.ceType());
        headers.remove(CloudEventHeaders.ID);
        KafkaTestClient.send(Topics.INTERACTIONS, customer,
                EventJson.write(handled(uniqueId("team"), customer, STARTED_AT, 60, 0, 0)), headers);

        ConsumerRecord<String, String> parked = awaitParkedAndConsumptionGoesOn(customer);

        assertThat(header(parked, "dead-letter-reason"), equalTo("Missing ce_id header"));
    }

    /**
     * Publishes a good event for {@code customer} (so on the poison record's partition, after it), waits until it is
     * applied and returns the one dead-letter record keyed {@code customer}, checking where it came from.
     */
    private static ConsumerRecord<String, String> awaitParkedAndConsumptionGoesOn(String customer) {
        String team = uniqueId("team");
        CloudEventRecords.publish(handled(team, customer, STARTED_AT, 60, 0, 0));
        await().atMost(PROCESSING).until(() -> contactCount(team) == 1);

        List<ConsumerRecord<String, String>> parked = KafkaTestClient.readUntil(DEAD_LETTER_TOPIC, PROCESSING,
                        records -> records.stream().anyMatch(r -> customer.equals(r.key())))
                .stream()
                .filter(r -> customer.equals(r.key()))
                .toList();
        assertThat(parked, hasSize(1));
        ConsumerRecord<String, String> record = parked.get(0);
        assertThat(header(record, "dead-letter-topic"), equalTo(Topics.INTERACTIONS));
        assertThat(header(record, "dead-letter-partition"), matchesPattern("\\d+"));
        assertThat(header(record, "dead-letter-offset"), matchesPattern("\\d+"));
        assertThat(header(record, "dead-letter-consumer"), equalTo("reporting-service-kpis"));
        return record;
    }

    private static Map<String, String> headers(String eventId, String ceType) {
        Map<String, String> headers = new HashMap<>();
        headers.put(CloudEventHeaders.ID, eventId);
        headers.put(CloudEventHeaders.TYPE, ceType);
        headers.put(CloudEventHeaders.SOURCE, "/test");
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.TIME, Instant.now().toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }
}
