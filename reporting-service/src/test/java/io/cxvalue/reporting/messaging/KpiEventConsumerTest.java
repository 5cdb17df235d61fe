package io.cxvalue.reporting.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.ExperimentVariant;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.Sale;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.reporting.Events;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static io.cxvalue.reporting.InteractionEvents.handled;
import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.cxvalue.reporting.rest.Reports.contactCount;
import static io.cxvalue.reporting.rest.Reports.march;
import static io.cxvalue.reporting.rest.Reports.marchValue;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Events published on the real broker, as ingestion publishes them, and their effect seen through the API: each
 * thing counted once however often it is delivered, and in whatever order the events about one contact arrive.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class KpiEventConsumerTest {

    private static final Duration PROCESSING = Duration.ofSeconds(30);
    private static final Instant MONDAY_9AM = Instant.parse("2025-03-03T09:00:00Z");

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void reportsVolumeAndHandleTimeOfPublishedInteractions() {
        String team = uniqueId("team");
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), MONDAY_9AM).times(300, 10, 20).event());
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), MONDAY_9AM.plusSeconds(60))
                .times(200, 50, 50).event());
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), MONDAY_9AM.plusSeconds(120))
                .abandoned(95).event());

        await().atMost(PROCESSING).until(() -> contactCount(team) == 3);
        JsonPath row = march(team, "contacts_offered,contacts_handled,contacts_abandoned,aht,hold_time");
        assertThat(row.getDouble("measures.contacts_handled.value"), equalTo(2.0));
        assertThat(row.getDouble("measures.contacts_abandoned.value"), equalTo(1.0));
        assertThat(row.getDouble("measures.aht.value"), equalTo(315.0));
        assertThat(row.getDouble("measures.aht.base"), equalTo(2.0));
        assertThat(row.getString("measures.aht.unit"), equalTo("seconds"));
        assertThat(row.getDouble("measures.hold_time.value"), equalTo(30.0));
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

        assertThat(contactCount(team), is(1));
        assertThat(marchValue(team, "aht"), equalTo(150.0));
    }

    @Test
    void countsTwoDifferentInteractionsTwiceAndOneDescribedTwiceOnce() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        InteractionRecorded once = handled(team, customer, MONDAY_9AM, 100, 0, 0);
        CloudEventRecords.publish(once);
        CloudEventRecords.publish(once);
        CloudEventRecords.publish(handled(team, customer, MONDAY_9AM, 100, 0, 0));
        awaitProcessedUpTo(customer);

        assertThat(contactCount(team), is(2));
    }

    @Test
    void countsASurveyThatArrivesBeforeItsContactOnceAndOnTheContactsDay() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        Events.Contact call = Events.contact(team, customer, MONDAY_9AM);
        var survey = Events.survey(customer, call.id(), MONDAY_9AM.plus(Duration.ofDays(3)), 5, 9, 2, 4);

        CloudEventRecords.publish(survey);
        CloudEventRecords.publish(survey);
        CloudEventRecords.publish(call.event());

        await().atMost(PROCESSING).until(() -> marchValue(team, "csat") != null);
        awaitProcessedUpTo(customer);
        JsonPath row = march(team, "csat,csat_mean,nps,ces,felt_valued");
        assertThat(row.getDouble("measures.csat.value"), equalTo(1.0));
        assertThat(row.getDouble("measures.csat.base"), equalTo(1.0));
        assertThat(row.getDouble("measures.nps.value"), equalTo(100.0));
        assertThat(row.getDouble("measures.ces.value"), equalTo(2.0));
        assertThat(row.getDouble("measures.felt_valued.value"), equalTo(1.0));
    }

    @Test
    void countsTheCancellationOfASaleMadeInAContactWhicheverArrivesFirst() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        Events.Contact call = Events.contact(team, customer, MONDAY_9AM).sale(true, "49.90");
        TransactionRecorded purchase = Events.purchase(customer, call.id(), "49.90", MONDAY_9AM.plusSeconds(400));
        TransactionRecorded cancellation = Events.cancellation(customer, purchase.transactionId(), "49.90",
                MONDAY_9AM.plus(Duration.ofDays(10)));

        CloudEventRecords.publish(cancellation);
        CloudEventRecords.publish(call.event());
        CloudEventRecords.publish(purchase);
        CloudEventRecords.publish(cancellation);

        await().atMost(PROCESSING).until(() -> Double.valueOf(1.0).equals(marchValue(team, "sales_cancelled")));
        awaitProcessedUpTo(customer);
        JsonPath row = march(team, "sales_offered,sales_accepted,sales_conversion,sales_revenue,sales_cancelled,"
                + "cancelled_revenue");
        assertThat(row.getDouble("measures.sales_accepted.value"), equalTo(1.0));
        assertThat(row.getDouble("measures.sales_conversion.value"), equalTo(1.0));
        assertThat(row.getDouble("measures.sales_revenue.value"), closeTo(49.90, 1e-9));
        assertThat(row.getDouble("measures.sales_revenue.byCurrency.EUR"), closeTo(49.90, 1e-9));
        assertThat(row.getDouble("measures.sales_cancelled.value"), equalTo(1.0));
        assertThat(row.getDouble("measures.sales_cancelled.base"), equalTo(1.0));
        assertThat(row.getDouble("measures.cancelled_revenue.value"), closeTo(49.90, 1e-9));
    }

    @Test
    void storesOneDocumentPerInteractionWithNoPersonalData() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        String interactionId = "int-" + UUID.randomUUID();
        InteractionRecorded interaction = new InteractionRecorded(interactionId, "crm", "case-77", customer,
                Channel.CHAT, Direction.OUTBOUND, MONDAY_9AM, 5, 240, 30, 60, false, "agent-3", team, "dept-sales",
                "upgrade", 1, Boolean.FALSE, -0.4,
                new Sale(true, true, "plan-xl", new BigDecimal("49.90"), "EUR"),
                "Spring campaign", new ExperimentVariant("exp-1", "take-time"), "q-sales");
        CloudEventRecords.publish(interaction);

        await().atMost(PROCESSING).until(() -> contactCount(team) == 1);

        Document contact = mongo.getDatabase(database).getCollection("contacts")
                .find(Filters.eq("_id", interactionId)).first();
        assertThat(contact, notNullValue());
        assertThat(contact.keySet(), equalTo(Set.of("_id", "customerId", "channel", "direction", "startedAt",
                "queueSeconds", "talkSeconds", "holdSeconds", "afterWorkSeconds", "abandoned", "resolved",
                "transfers", "agentId", "teamId", "departmentId", "contactReason", "campaign", "saleOffered",
                "saleAccepted", "saleAmount", "saleCurrency", "queue", "sentiment", "recordedAt", "issue",
                "counted")));
        assertThat(contact.getString("queue"), equalTo("q-sales"));
        assertThat(contact.getDouble("sentiment"), equalTo(-0.4));
        assertThat(contact.getString("customerId"), equalTo(customer));
        assertThat(contact.getString("channel"), equalTo("CHAT"));
        assertThat(contact.getDate("startedAt").toInstant(), equalTo(MONDAY_9AM));
        assertThat(contact.getInteger("transfers"), equalTo(1));
        assertThat(contact.get("issue", Document.class).getBoolean("repeat"), is(false));
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
