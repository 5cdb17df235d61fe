package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.ConsumerMeters;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.experiment.Erasures;
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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cxvalue.experiment.TestInteractions.handledUnder;
import static io.cxvalue.experiment.TestInteractions.uniqueId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Erasure requests through the real broker and database; confirmations read back off cx.erasures. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ErasureConsumerTest {

    static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.ERASURES, "experiment-service");
    private static final Duration PROCESSING = Duration.ofSeconds(30);

    @Inject
    MeterRegistry registry;

    @Test
    void anonymisesTheCustomersObservationsKeepsTheStatisticsAndConfirmsOnce() {
        String experimentId = uniqueId("exp");
        String customerId = uniqueId("cust");
        String otherCustomerId = uniqueId("cust");
        CloudEventRecords.publish(handledUnder(experimentId, "a", customerId));
        CloudEventRecords.publish(handledUnder(experimentId, "a", customerId));
        CloudEventRecords.publish(handledUnder(experimentId, "a", otherCustomerId));
        await().atMost(PROCESSING).until(() -> ExperimentApi.totalContacts(experimentId) == 3);

        String erasureId = uniqueId("er");
        CloudEventRecords.publish(new ErasureRequested(erasureId, customerId, Instant.now()));
        // The test profile polls the outbox only every 30 s: out this soon, the commit woke the relay.
        List<ConsumerRecord<String, String>> confirmations = Erasures.awaitCompletions(erasureId,
                Duration.ofSeconds(10));

        assertEquals(0, observationsOf(customerId), "no observation names the customer any more");
        assertEquals(1, observationsOf(otherCustomerId), "another customer's observations are untouched");
        assertEquals(2, TestDatabase.count("select count(*) from variant_contact where experiment_id = ? "
                + "and customer_id like 'erased:%'", experimentId), "kept, under a pseudonym");
        assertEquals(1, TestDatabase.count("select count(distinct customer_id) from variant_contact "
                + "where experiment_id = ? and customer_id like 'erased:%'", experimentId), "one pseudonym");
        ExperimentApi.contacts(experimentId).statusCode(200)
                .body("variants[0].contacts", equalTo(3))
                .body("variants[0].customers", equalTo(2));

        assertEquals(1, confirmations.size());
        ConsumerRecord<String, String> record = confirmations.get(0);
        // The contract's own reader checks every CloudEvents header, the JSON Schema and key = customer id.
        ReceivedEvent<ErasureCompleted> confirmation = EventReader.read(record, ErasureCompleted.class).orElseThrow();
        assertEquals(customerId, record.key());
        assertEquals(EventType.ERASURE_COMPLETED, confirmation.type());
        assertEquals("/experiment-service", confirmation.source());
        assertEquals(customerId, KafkaTestClient.header(record, CloudEventHeaders.SUBJECT));
        assertEquals(CloudEventHeaders.SPEC_VERSION_1_0, KafkaTestClient.header(record, CloudEventHeaders.SPEC_VERSION));
        assertEquals(CloudEventHeaders.JSON, KafkaTestClient.header(record, CloudEventHeaders.CONTENT_TYPE));
        assertEquals(new ErasureCompleted(erasureId, customerId, "experiment-service", confirmation.time()),
                confirmation.event());

        await().atMost(Duration.ofSeconds(10)).until(() -> Erasures.pendingOutboxRows(customerId) == 0);
        assertEquals(1, Erasures.completionsAfter(erasureId, Duration.ofSeconds(2)).size(), "exactly one");
    }

    @Test
    void aRequestDeliveredTwiceIsConfirmedOnceAndAnonymisedOnce() {
        String experimentId = uniqueId("exp");
        String customerId = uniqueId("cust");
        String otherCustomerId = uniqueId("cust");
        CloudEventRecords.publish(handledUnder(experimentId, "a", customerId));
        CloudEventRecords.publish(handledUnder(experimentId, "b", otherCustomerId));
        await().atMost(PROCESSING).until(() -> ExperimentApi.totalContacts(experimentId) == 2);

        String erasureId = uniqueId("er");
        ErasureRequested request = new ErasureRequested(erasureId, customerId, Instant.now());
        String eventId = UUID.randomUUID().toString();
        CloudEventRecords.publish(request, eventId);
        CloudEventRecords.publish(request, eventId);
        // Same key, same partition: once this one is confirmed, the redelivery before it has been handled too.
        String sentinel = uniqueId("er");
        CloudEventRecords.publish(new ErasureRequested(sentinel, customerId, Instant.now()));
        Erasures.awaitCompletions(sentinel, PROCESSING);

        assertTrue(events("duplicate") >= 1, "the redelivery was recognised");
        assertEquals(1, Erasures.completionsAfter(erasureId, Duration.ofSeconds(3)).size(),
                "one confirmation for the request delivered twice");
        assertEquals(0, observationsOf(customerId));
        assertEquals(1, observationsOf(otherCustomerId), "another customer's observations are untouched");
    }

    @Test
    void malformedRecordsAreDeadLetteredOtherServicesConfirmationsIgnoredAndTheConsumerKeepsGoing() {
        String customerId = uniqueId("cust");
        double ignoredBefore = events("ignored");

        String malformedId = UUID.randomUUID().toString();
        String malformed = "{\"erasureId\": \"er-1\", \"customerId\": ";
        KafkaTestClient.send(Topics.ERASURES, customerId, malformed, Map.of(
                CloudEventHeaders.ID, malformedId,
                CloudEventHeaders.TYPE, EventType.ERASURE_REQUESTED.ceType(),
                CloudEventHeaders.SOURCE, "/test",
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));
        String foreignConfirmationId = CloudEventRecords.publish(
                new ErasureCompleted(uniqueId("er"), customerId, "scoring-service", Instant.now()));

        // After the bad record on the same partition: confirmed only if the consumer kept going.
        String erasureId = uniqueId("er");
        CloudEventRecords.publish(new ErasureRequested(erasureId, customerId, Instant.now()));
        Erasures.awaitCompletions(erasureId, PROCESSING);

        List<ConsumerRecord<String, String>> ours = KafkaTestClient.readUntil(DEAD_LETTER_TOPIC, PROCESSING,
                        records -> records.stream().anyMatch(r -> customerId.equals(r.key())))
                .stream().filter(r -> customerId.equals(r.key())).toList();
        assertEquals(1, ours.size(), "only the malformed record is dead-lettered");
        ConsumerRecord<String, String> deadLetter = ours.get(0);
        assertEquals(malformedId, KafkaTestClient.header(deadLetter, CloudEventHeaders.ID));
        assertEquals(malformed, deadLetter.value());
        assertThat(KafkaTestClient.header(deadLetter, "dead-letter-reason"), containsString("Payload is not JSON"));
        assertThat(KafkaTestClient.header(deadLetter, "dead-letter-topic"), startsWith(Topics.ERASURES));
        assertTrue(ours.stream().noneMatch(r -> foreignConfirmationId.equals(
                KafkaTestClient.header(r, CloudEventHeaders.ID))));
        assertTrue(events("ignored") >= ignoredBefore + 1, "the other service's confirmation was skipped");
    }

    private double events(String outcome) {
        var counter = registry.find(ConsumerMeters.EVENTS)
                .tags("service", "experiment-service", "topic", Topics.ERASURES, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long observationsOf(String customerId) {
        return TestDatabase.count("select count(*) from variant_contact where customer_id = ?", customerId);
    }
}
