package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.reporting.repository.FaultInjectingMongoResource;
import io.cxvalue.reporting.rest.Roles;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.cxvalue.reporting.Events.contact;
import static io.cxvalue.reporting.Events.survey;
import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.cxvalue.reporting.rest.Reports.kpis;
import static io.cxvalue.testsupport.KafkaTestClient.header;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The incremental KPI cells under failure and redelivery: an update of the cells that stops halfway (one rollup
 * document written, the other not) is completed by the retry without counting anything twice, a cell change applied
 * again changes nothing, and a malformed one is parked.
 */
@QuarkusTest
@TestProfile(CellChangeConsumerTest.ShortRetryBudget.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(FaultInjectingMongoResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class CellChangeConsumerTest {

    private static final Duration PROCESSING = Duration.ofSeconds(30);
    private static final Instant STARTED_AT = Instant.parse("2025-03-04T10:00:00Z");

    public static class ShortRetryBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "cx.consumer.retry.max-retries", "4",
                    "cx.consumer.retry.initial-backoff", "0.05s",
                    "cx.consumer.retry.max-backoff", "0.2s");
        }
    }

    @Test
    void anUpdateStoppedBetweenItsTwoDocumentsIsCompletedWithoutCountingTwice() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        InteractionRecorded call = contact(team, customer, STARTED_AT).agent("agent-2").event();
        CloudEventRecords.publish(call);
        await().atMost(PROCESSING).until(() -> figure(team, "csat", false) != null);

        // The survey's update writes the month document (views), then fails on the cube: the retry must add the
        // answer to the cube only.
        FaultInjectingMongoResource.failNextUpdates("kpi_cube", 1);
        CloudEventRecords.publish(survey(customer, call.interactionId(), STARTED_AT.plusSeconds(3600), 5, 10, 2, 4));

        await().atMost(PROCESSING).until(() -> answers(figure(team, "csat", true)) == 1.0
                && answers(figure(team, "csat", false)) == 1.0);
        assertThat(FaultInjectingMongoResource.updateFailuresLeft(), equalTo(0));
        for (boolean cube : new boolean[] {false, true}) {
            JsonPath row = figure(team, "contacts_offered,csat,nps,aht", cube);
            assertThat("offered, cube " + cube, row.getDouble("measures.contacts_offered.value"), equalTo(1.0));
            assertThat("csat, cube " + cube, row.getDouble("measures.csat.value"), equalTo(1.0));
            assertThat("nps answers, cube " + cube, row.getDouble("measures.nps.base"), equalTo(1.0));
            assertThat("handled, cube " + cube, row.getDouble("measures.aht.base"), equalTo(1.0));
        }
    }

    @Test
    void aTrafficHourWriteThatFailedIsRepairedWithoutCountingAContactTwice() {
        String team = uniqueId("team");
        InteractionRecorded first = contact(team, uniqueId("cust"), STARTED_AT.plusSeconds(5)).event();
        CloudEventRecords.publish(first);
        await().atMost(PROCESSING).until(() -> trafficAt(team, 0) == 1);

        // The next contact's update writes the KPI cells, then fails on its traffic hour: the retry must count it
        // into the hour once, and the first contact not again.
        FaultInjectingMongoResource.failNextUpdates("traffic_days", 1);
        CloudEventRecords.publish(contact(team, uniqueId("cust"), STARTED_AT.plusSeconds(65)).event());
        await().atMost(PROCESSING).until(() -> trafficAt(team, 1) == 1);
        assertThat(FaultInjectingMongoResource.updateFailuresLeft(), equalTo(0));
        assertThat(trafficAt(team, 0), equalTo(1));
        assertThat(offered(team), equalTo(2.0));
    }

    @Test
    void aCellChangeAppliedAgainChangesNothingAndAMalformedOneIsParked() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        InteractionRecorded call = contact(team, customer, STARTED_AT).agent("agent-3").event();
        CloudEventRecords.publish(call);
        CloudEventRecords.publish(survey(customer, call.interactionId(), STARTED_AT.plusSeconds(60), 2, 3, 4, 2));
        await().atMost(PROCESSING).until(() -> answers(figure(team, "csat", false)) == 1.0);

        String change = "{\"team\":\"" + team + "\",\"interactionIds\":[\"" + call.interactionId() + "\"]}";
        KafkaTestClient.send(Topics.REPORTING_CELL_CHANGES, team, change, Map.of());
        KafkaTestClient.send(Topics.REPORTING_CELL_CHANGES, team, change, Map.of());
        KafkaTestClient.send(Topics.REPORTING_CELL_CHANGES, team, "{\"team\": 7, oops", Map.of());
        // A marker after them, in the same partition (same key): once it is applied, so are they.
        InteractionRecorded marker = contact(team, uniqueId("cust"), STARTED_AT.plusSeconds(7200)).event();
        CloudEventRecords.publish(marker);
        await().atMost(PROCESSING).until(() -> offered(team) == 2.0);

        JsonPath row = figure(team, "contacts_offered,csat,nps", false);
        assertThat("the contact is in its minute once", trafficAt(team, 0), equalTo(1));
        assertThat(row.getDouble("measures.csat.base"), equalTo(1.0));
        assertThat(row.getDouble("measures.csat.value"), equalTo(0.0));
        assertThat(row.getDouble("measures.nps.base"), equalTo(1.0));
        List<ConsumerRecord<String, String>> parked = KafkaTestClient.readUntil(
                Topics.deadLetter(Topics.REPORTING_CELL_CHANGES, "reporting-service"), PROCESSING,
                records -> records.stream().anyMatch(r -> team.equals(r.key()))).stream()
                .filter(r -> team.equals(r.key())).toList();
        assertThat(parked, hasSize(1));
        assertThat(header(parked.get(0), "dead-letter-reason"), containsString("not a cell change"));
    }

    /** March 2025 of the team, read from the views ({@code cube} false) or the cube (filtered on agent and channel). */
    private static JsonPath figure(String team, String measures, boolean cube) {
        Map<String, Object> params = new java.util.HashMap<>(Map.of("from", "2025-03-01", "to", "2025-04-01",
                "granularity", "month", "team", team, "measures", measures));
        if (cube) {
            params.put("channel", "VOICE");
            params.put("department", "dept-care");
        }
        JsonPath answer = kpis(params).statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        return answer.getList("rows").isEmpty() ? null : answer.setRootPath("rows[0]");
    }

    /** The team's contacts in minute {@code minute} after STARTED_AT, from the traffic series. */
    private static int trafficAt(String team, int minute) {
        List<Integer> counts = given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST))
                .queryParam("from", STARTED_AT.toString())
                .queryParam("to", STARTED_AT.plus(Duration.ofMinutes(5)).toString()).queryParam("team", team)
                .when().get("/api/v1/traffic").then().statusCode(200).extract().path("series[0].contacts");
        return counts.get(minute);
    }

    private static double answers(JsonPath row) {
        if (row == null) {
            return 0;
        }
        Number base = row.get("measures.csat.base");
        return base == null ? 0 : base.doubleValue();
    }

    private static double offered(String team) {
        JsonPath row = figure(team, "contacts_offered", false);
        return row == null ? 0 : row.getDouble("measures.contacts_offered.value");
    }
}
