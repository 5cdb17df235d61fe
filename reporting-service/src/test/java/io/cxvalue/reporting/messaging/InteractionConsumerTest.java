package io.cxvalue.reporting.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.ExperimentVariant;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.Sale;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

import static io.cxvalue.reporting.InteractionEvents.abandoned;
import static io.cxvalue.reporting.InteractionEvents.handled;
import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.cxvalue.reporting.rest.Reports.contactCount;
import static io.cxvalue.reporting.rest.Reports.teamContacts;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** Events published on the real broker, as ingestion publishes them, and their effect seen through the API. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class InteractionConsumerTest {

    private static final Duration PROCESSING = Duration.ofSeconds(30);
    private static final Instant MONDAY_9AM = Instant.parse("2025-03-03T09:00:00Z");

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void reportsVolumeAndAverageHandleTimeOfPublishedInteractions() {
        String team = uniqueId("team");
        CloudEventRecords.publish(handled(team, uniqueId("cust"), MONDAY_9AM, 300, 10, 20));
        CloudEventRecords.publish(handled(team, uniqueId("cust"), MONDAY_9AM.plusSeconds(60), 200, 50, 50));
        CloudEventRecords.publish(abandoned(team, uniqueId("cust"), MONDAY_9AM.plusSeconds(120)));

        await().atMost(PROCESSING).untilAsserted(() -> teamContacts(team)
                .statusCode(200)
                .body("teamId", equalTo(team))
                .body("contacts", equalTo(3))
                .body("handled", equalTo(2))
                .body("abandoned", equalTo(1))
                .body("averageHandleSeconds", equalTo(315.0f)));
    }

    @Test
    void countsAnEventDeliveredTwiceOnce() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        InteractionRecorded interaction = handled(team, customer, MONDAY_9AM, 120, 0, 30);
        String eventId = UUID.randomUUID().toString();

        CloudEventRecords.publish(interaction, eventId);
        await().atMost(PROCESSING).until(() -> contactCount(team) == 1);

        CloudEventRecords.publish(interaction, eventId);
        awaitProcessedUpTo(customer);

        teamContacts(team).statusCode(200)
                .body("contacts", equalTo(1))
                .body("averageHandleSeconds", equalTo(150.0f));
    }

    @Test
    void countsTwoDifferentInteractionsTwice() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        CloudEventRecords.publish(handled(team, customer, MONDAY_9AM, 100, 0, 0));
        CloudEventRecords.publish(handled(team, customer, MONDAY_9AM, 100, 0, 0));

        await().atMost(PROCESSING).untilAsserted(() -> teamContacts(team)
                .statusCode(200)
                .body("contacts", equalTo(2))
                .body("handled", equalTo(2)));
    }

    @Test
    void countsAnInteractionOnceWhenTwoEventsDescribeIt() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        InteractionRecorded interaction = handled(team, customer, MONDAY_9AM, 100, 0, 0);

        CloudEventRecords.publish(interaction);
        CloudEventRecords.publish(interaction);
        awaitProcessedUpTo(customer);

        assertThat(contactCount(team), is(1));
    }

    @Test
    void reportsContactsStartedInTheHalfOpenPeriodOnly() {
        String team = uniqueId("team");
        Instant from = MONDAY_9AM;
        Instant to = MONDAY_9AM.plus(Duration.ofHours(1));
        CloudEventRecords.publish(handled(team, uniqueId("cust"), from.minusMillis(1), 100, 0, 0));
        CloudEventRecords.publish(handled(team, uniqueId("cust"), from, 200, 0, 0));
        CloudEventRecords.publish(handled(team, uniqueId("cust"), to.minusMillis(1), 400, 0, 0));
        CloudEventRecords.publish(handled(team, uniqueId("cust"), to, 800, 0, 0));
        await().atMost(PROCESSING).until(() -> contactCount(team) == 4);

        teamContacts(team, from, to).statusCode(200)
                .body("contacts", equalTo(2))
                .body("averageHandleSeconds", equalTo(300.0f));
        teamContacts(team, from, to.plusMillis(1)).statusCode(200)
                .body("contacts", equalTo(3));
        teamContacts(team, to, to).statusCode(200)
                .body("contacts", equalTo(0))
                .body("averageHandleSeconds", equalTo(null));
    }

    @Test
    void reportsNoAverageWhenEveryContactWasAbandoned() {
        String team = uniqueId("team");
        CloudEventRecords.publish(abandoned(team, uniqueId("cust"), MONDAY_9AM));

        await().atMost(PROCESSING).untilAsserted(() -> teamContacts(team)
                .statusCode(200)
                .body("contacts", equalTo(1))
                .body("handled", equalTo(0))
                .body("abandoned", equalTo(1))
                .body("averageHandleSeconds", equalTo(null)));
    }

    @Test
    void storesOneFactPerInteractionWithTheAppliedEventIdAndNoPersonalData() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        String interactionId = "int-" + UUID.randomUUID();
        InteractionRecorded interaction = new InteractionRecorded(interactionId, "crm", "case-77", customer,
                Channel.CHAT, Direction.OUTBOUND, MONDAY_9AM, 5, 240, 30, 60, false, "agent-3", team, "dept-sales",
                "upgrade", 1, Boolean.FALSE, -0.4,
                new Sale(true, true, "plan-xl", new BigDecimal("49.90"), "EUR"),
                "Spring campaign", new ExperimentVariant("exp-1", "take-time"));
        String eventId = CloudEventRecords.publish(interaction);

        await().atMost(PROCESSING).until(() -> contactCount(team) == 1);

        Document fact = mongo.getDatabase(database).getCollection("contact_facts")
                .find(Filters.eq("_id", interactionId)).first();
        assertThat(fact, notNullValue());
        assertThat(fact.keySet(), equalTo(Set.of("_id", "eventId", "customerId", "channel", "direction",
                "startedAt", "queueSeconds", "talkSeconds", "holdSeconds", "afterWorkSeconds", "handleSeconds",
                "abandoned", "resolved", "transfers", "agentId", "teamId", "departmentId", "contactReason",
                "recordedAt")));
        assertThat(fact.getString("eventId"), equalTo(eventId));
        assertThat(fact.getString("customerId"), equalTo(customer));
        assertThat(fact.getString("channel"), equalTo("CHAT"));
        assertThat(fact.getString("direction"), equalTo("OUTBOUND"));
        assertThat(fact.getDate("startedAt"), equalTo(Date.from(MONDAY_9AM)));
        assertThat(fact.getInteger("handleSeconds"), equalTo(330));
        assertThat(fact.getBoolean("resolved"), is(false));
        assertThat(fact.getInteger("transfers"), equalTo(1));
        assertThat(fact.getString("contactReason"), equalTo("upgrade"));
    }

    /**
     * Waits until everything published before for {@code customer} has been processed: records of one customer share
     * a partition and are processed in order, so once a marker published after them is visible, they were applied.
     */
    private static void awaitProcessedUpTo(String customer) {
        String markerTeam = uniqueId("marker-team");
        CloudEventRecords.publish(handled(markerTeam, customer, MONDAY_9AM, 1, 0, 0));
        await().atMost(PROCESSING).until(() -> contactCount(markerTeam) == 1);
    }
}
