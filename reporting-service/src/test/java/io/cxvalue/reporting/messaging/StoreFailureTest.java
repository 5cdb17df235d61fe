package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.Topics;
import io.cxvalue.reporting.repository.FaultInjectingMongoResource;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.cxvalue.reporting.InteractionEvents.handled;
import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.cxvalue.reporting.rest.Reports.contactCount;
import static io.cxvalue.testsupport.KafkaTestClient.header;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * MongoDB failing while events arrive: a good batch is retried, not dead-lettered, through a failure shorter than the
 * retry budget, and through an election (an outage) however long it lasts; a batch the server refuses for longer than
 * the budget is parked record by record, with consumption going on.
 */
@QuarkusTest
@TestProfile(StoreFailureTest.ShortRetryBudget.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(FaultInjectingMongoResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class StoreFailureTest {

    private static final String CONTACTS = "contacts";
    private static final int MAX_RETRIES = 4;
    private static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.INTERACTIONS, "reporting-service");
    private static final Duration PROCESSING = Duration.ofSeconds(30);
    private static final Instant STARTED_AT = Instant.parse("2025-03-03T12:00:00Z");

    public static class ShortRetryBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "cx.consumer.retry.max-retries", String.valueOf(MAX_RETRIES),
                    "cx.consumer.retry.initial-backoff", "0.05s",
                    "cx.consumer.retry.max-backoff", "0.2s");
        }
    }

    @Test
    void retriesAGoodEventThroughATransientStoreFailure() {
        String team = uniqueId("team");
        FaultInjectingMongoResource.failNextUpdates(CONTACTS, MAX_RETRIES - 1);

        String eventId = CloudEventRecords.publish(handled(team, uniqueId("cust"), STARTED_AT, 60, 0, 0));

        await().atMost(PROCESSING).until(() -> contactCount(team) == 1);
        assertThat("every injected failure was met", FaultInjectingMongoResource.updateFailuresLeft(), equalTo(0));
        assertThat(deadLettersOf(eventId, Duration.ofSeconds(3)), empty());
    }

    @Test
    void waitsOutAnElectionLongerThanTheRetryBudgetAndParksNothing() {
        String team = uniqueId("team");
        FaultInjectingMongoResource.failNextUpdates(CONTACTS, 3 * (1 + MAX_RETRIES));

        String eventId = CloudEventRecords.publish(handled(team, uniqueId("cust"), STARTED_AT, 60, 0, 0));

        await().atMost(PROCESSING).until(() -> contactCount(team) == 1);
        assertThat("every injected failure was met", FaultInjectingMongoResource.updateFailuresLeft(), equalTo(0));
        assertThat(deadLettersOf(eventId, Duration.ofSeconds(3)), empty());
    }

    @Test
    void parksABatchTheStoreRefusesLongerThanTheRetryBudgetAndGoesOn() {
        String customer = uniqueId("cust");
        String unluckyTeam = uniqueId("team");
        String nextTeam = uniqueId("team");
        // the poll's attempts, then the event's own attempt
        FaultInjectingMongoResource.refuseNextUpdates(CONTACTS, 2 + MAX_RETRIES);

        String unluckyEvent = CloudEventRecords.publish(handled(unluckyTeam, customer, STARTED_AT, 60, 0, 0));
        List<ConsumerRecord<String, String>> parked = deadLettersOf(unluckyEvent, PROCESSING);
        CloudEventRecords.publish(handled(nextTeam, customer, STARTED_AT, 60, 0, 0));

        await().atMost(PROCESSING).until(() -> contactCount(nextTeam) == 1);
        assertThat(contactCount(unluckyTeam), equalTo(0));
        assertThat(parked, hasSize(1));
        assertThat(header(parked.get(0), "dead-letter-reason"), containsString("failure injected by the test"));
    }

    private static List<ConsumerRecord<String, String>> deadLettersOf(String eventId, Duration wait) {
        return KafkaTestClient.readUntil(DEAD_LETTER_TOPIC, wait,
                        records -> records.stream().anyMatch(r -> eventId.equals(header(r, CloudEventHeaders.ID))))
                .stream()
                .filter(r -> eventId.equals(header(r, CloudEventHeaders.ID)))
                .toList();
    }
}
