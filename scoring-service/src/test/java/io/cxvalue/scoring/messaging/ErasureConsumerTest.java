package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.scoring.CustomerEvents;
import io.cxvalue.scoring.CustomerStateApi;
import io.cxvalue.scoring.Erasures;
import io.cxvalue.scoring.ScoringDatabase;
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
import java.util.Map;
import java.util.UUID;

import static io.cxvalue.scoring.CustomerContactsApi.awaitContacts;
import static io.cxvalue.scoring.CustomerContactsApi.getContacts;
import static io.cxvalue.scoring.Interactions.interaction;
import static io.cxvalue.scoring.Interactions.newCustomerId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Erasure requests through the real broker and database; confirmations read back off cx.erasures. */
@QuarkusTest
class ErasureConsumerTest {

    static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.ERASURES, "scoring-service");
    private static final Duration CONFIRMED_WITHIN = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Inject
    MeterRegistry registry;

    @Test
    void erasesTheCustomersDataAndConfirmsOnceThroughTheOutbox() {
        String customerId = newCustomerId();
        CloudEventRecords.publish(interaction(customerId, Channel.VOICE, T0));
        CloudEventRecords.publish(interaction(customerId, Channel.CHAT, T0.plusSeconds(60)));
        awaitContacts(customerId, 2);
        assertEquals(2, channelRows(customerId));

        String erasureId = "er-" + UUID.randomUUID();
        CloudEventRecords.publish(new ErasureRequested(erasureId, customerId, Instant.now()));

        // The test profile polls the outbox only every 30 s: out this soon, the commit woke the relay.
        List<ConsumerRecord<String, String>> confirmations = Erasures.awaitCompletions(erasureId,
                Duration.ofSeconds(10));
        assertEquals(0, summaryRows(customerId), "summary deleted");
        assertEquals(0, channelRows(customerId), "per-channel rows deleted");
        getContacts(customerId).then().statusCode(404);

        assertEquals(1, confirmations.size());
        ConsumerRecord<String, String> record = confirmations.get(0);
        // The contract's own reader checks every CloudEvents header, the JSON Schema and key = customer id.
        ReceivedEvent<ErasureCompleted> confirmation = EventReader.read(record, ErasureCompleted.class).orElseThrow();
        assertEquals(customerId, record.key());
        assertEquals(EventType.ERASURE_COMPLETED, confirmation.type());
        assertEquals("/scoring-service", confirmation.source());
        assertEquals(customerId, KafkaTestClient.header(record, CloudEventHeaders.SUBJECT));
        assertEquals(CloudEventHeaders.SPEC_VERSION_1_0, KafkaTestClient.header(record, CloudEventHeaders.SPEC_VERSION));
        assertEquals(CloudEventHeaders.JSON, KafkaTestClient.header(record, CloudEventHeaders.CONTENT_TYPE));
        assertEquals(new ErasureCompleted(erasureId, customerId, "scoring-service", confirmation.time()),
                confirmation.event(), "ce_time is the completion time");

        // Published and acknowledged: nothing left in the outbox.
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingOutboxRows(customerId) == 0);
        assertEquals(1, Erasures.completionsAfter(erasureId, Duration.ofSeconds(2)).size(), "exactly one");
    }

    @Test
    void aRequestDeliveredTwiceIsConfirmedOnceAndOtherCustomersAreUntouched() {
        String customerId = newCustomerId();
        String otherCustomerId = newCustomerId();
        CloudEventRecords.publish(interaction(customerId, Channel.VOICE, T0));
        CloudEventRecords.publish(interaction(otherCustomerId, Channel.EMAIL, T0));
        awaitContacts(customerId, 1);
        awaitContacts(otherCustomerId, 1);
        double duplicatesBefore = events("duplicate");

        String erasureId = "er-" + UUID.randomUUID();
        ErasureRequested request = new ErasureRequested(erasureId, customerId, Instant.now());
        String eventId = UUID.randomUUID().toString();
        CloudEventRecords.publish(request, eventId);
        CloudEventRecords.publish(request, eventId);
        // Same key, same partition: once this one is confirmed, the redelivery before it has been handled too.
        String sentinelErasureId = "er-" + UUID.randomUUID();
        CloudEventRecords.publish(new ErasureRequested(sentinelErasureId, customerId, Instant.now()));
        Erasures.awaitCompletions(sentinelErasureId, CONFIRMED_WITHIN);

        assertTrue(events("duplicate") >= duplicatesBefore + 1, "the redelivery was recognised");
        assertEquals(1, Erasures.completionsAfter(erasureId, Duration.ofSeconds(3)).size(),
                "one confirmation for the request delivered twice");
        assertEquals(0, summaryRows(customerId));
        awaitContacts(otherCustomerId, 1).body("byChannel.EMAIL", equalTo(1));
        assertEquals(1, channelRows(otherCustomerId));
    }

    @Test
    void erasesTheCustomersIdentitiesContactLogSurveysTransactionsAndAliases() {
        String customerId = newCustomerId();
        String mergedId = newCustomerId();
        String otherCustomerId = newCustomerId();
        String phone = CustomerEvents.newPhone();
        CloudEventRecords.publish(CustomerEvents.upserted(customerId, T0, CustomerEvents.phone(phone),
                CustomerEvents.email(customerId + "@example.com")));
        CloudEventRecords.publish(interaction(customerId, Channel.VOICE, T0));
        CloudEventRecords.publish(CustomerEvents.survey(customerId, T0, 4, 9, 2, 4, null));
        CloudEventRecords.publish(CustomerEvents.purchase(customerId, "10", T0));
        CloudEventRecords.publish(CustomerEvents.purchase(mergedId, "20", T0));
        CloudEventRecords.publish(CustomerEvents.merged(customerId, T0.plusSeconds(60), mergedId));
        CloudEventRecords.publish(CustomerEvents.purchase(otherCustomerId, "30", T0));
        Instant asOf = T0.plusSeconds(86_400);
        CustomerStateApi.awaitState(customerId, asOf, state -> state.getInt("transactions.purchases") == 2
                && state.getInt("surveys.responses") == 1 && state.getInt("contacts.last30Days") == 1);
        CustomerStateApi.awaitState(otherCustomerId, asOf, state -> state.getInt("transactions.purchases") == 1);
        assertEquals(2, rows("customer_identity", customerId));

        String erasureId = "er-" + UUID.randomUUID();
        CloudEventRecords.publish(new ErasureRequested(erasureId, customerId, Instant.now()));
        Erasures.awaitCompletions(erasureId, CONFIRMED_WITHIN);

        for (String table : List.of("customer", "customer_identity", "contact_log", "survey_response",
                "customer_transaction", "customer_contact_summary")) {
            assertEquals(0, rows(table, customerId), table);
            assertEquals(0, rows(table, mergedId), table);
        }
        assertEquals(0, ScoringDatabase.count("select count(*) from customer_alias where merged_id = ? "
                + "or survivor_id = ?", mergedId, customerId));
        CustomerStateApi.getState(customerId, asOf).then().statusCode(404);
        CustomerStateApi.getState(mergedId, asOf).then().statusCode(404);
        assertEquals(1, rows("customer_transaction", otherCustomerId), "other customers are untouched");
    }

    private static long rows(String table, String customerId) {
        return ScoringDatabase.count("select count(*) from " + table + " where customer_id = ?", customerId);
    }

    @Test
    void aCustomerWithoutDataIsStillConfirmed() {
        String erasureId = "er-" + UUID.randomUUID();
        String customerId = newCustomerId();
        CloudEventRecords.publish(new ErasureRequested(erasureId, customerId, Instant.now()));

        assertEquals(customerId, Erasures.awaitCompletions(erasureId, CONFIRMED_WITHIN).get(0).key());
    }

    @Test
    void malformedRecordsAreDeadLetteredOtherServicesConfirmationsIgnoredAndTheConsumerKeepsGoing() {
        String customerId = newCustomerId();
        double ignoredBefore = events("ignored");

        String malformedId = UUID.randomUUID().toString();
        String malformed = "{\"erasureId\": \"er-1\", \"customerId\": ";
        KafkaTestClient.send(Topics.ERASURES, customerId, malformed, Map.of(
                CloudEventHeaders.ID, malformedId,
                CloudEventHeaders.TYPE, EventType.ERASURE_REQUESTED.ceType(),
                CloudEventHeaders.SOURCE, "/test",
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));
        // Another service's confirmation: a valid event of the topic that scoring does not act on.
        String foreignConfirmationId = CloudEventRecords.publish(
                new ErasureCompleted("er-" + UUID.randomUUID(), customerId, "ingestion-service", Instant.now()));

        // After the bad record on the same partition: confirmed only if the consumer kept going.
        String erasureId = "er-" + UUID.randomUUID();
        CloudEventRecords.publish(new ErasureRequested(erasureId, customerId, Instant.now()));
        Erasures.awaitCompletions(erasureId, CONFIRMED_WITHIN);

        List<ConsumerRecord<String, String>> deadLetters = KafkaTestClient.readUntil(DEAD_LETTER_TOPIC,
                Duration.ofSeconds(30), records -> records.stream().anyMatch(r -> customerId.equals(r.key())));
        List<ConsumerRecord<String, String>> ours = deadLetters.stream()
                .filter(r -> customerId.equals(r.key())).toList();
        assertEquals(1, ours.size(), "only the malformed record is dead-lettered");
        ConsumerRecord<String, String> deadLetter = ours.get(0);
        assertEquals(malformedId, KafkaTestClient.header(deadLetter, CloudEventHeaders.ID));
        assertEquals(malformed, deadLetter.value());
        assertThat(KafkaTestClient.header(deadLetter, "dead-letter-reason"), containsString("Payload is not JSON"));
        assertEquals(Topics.ERASURES, KafkaTestClient.header(deadLetter, "dead-letter-topic"));
        assertTrue(ours.stream().noneMatch(r -> foreignConfirmationId.equals(
                KafkaTestClient.header(r, CloudEventHeaders.ID))));
        assertTrue(events("ignored") >= ignoredBefore + 1, "the other service's confirmation was skipped");
    }

    private double events(String outcome) {
        return registry.get("cx.consumer.events").tag("topic", Topics.ERASURES).tag("outcome", outcome)
                .counter().count();
    }

    static long summaryRows(String customerId) {
        return ScoringDatabase.count("select count(*) from customer_contact_summary where customer_id = ?", customerId);
    }

    static long channelRows(String customerId) {
        return ScoringDatabase.count("select count(*) from customer_contact_channel where customer_id = ?", customerId);
    }

    static long pendingOutboxRows(String customerId) {
        return ScoringDatabase.count("select count(*) from outbox_event where event_key = ?", customerId);
    }
}
