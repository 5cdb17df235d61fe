package io.cxvalue.reporting.rest;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.reporting.Events;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.cxvalue.reporting.rest.Reports.contactCount;
import static io.cxvalue.reporting.rest.Reports.kpis;
import static io.cxvalue.reporting.rest.Reports.march;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The KPI query surface on hand-built event sequences published on the broker, each expected figure written out:
 * issue chains across the repeat window and joined by a merge, a survey days after its call, time-zone day
 * boundaries and DST, grouping and filters, and who may see which team.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class KpiResourceTest {

    private static final Duration PROCESSING = Duration.ofSeconds(30);
    private static final Instant D0 = Instant.parse("2025-03-03T09:00:00Z");

    @Test
    void chainsIssuesWithinTheRepeatWindowAndJoinThemWhenCustomersMerge() {
        String team = uniqueId("team");
        String alice = uniqueId("cust");
        String aliceToo = uniqueId("cust");
        // alice: day 0 and exactly 7 days later (one issue), day 25 (a second); her other id: day 20
        CloudEventRecords.publish(Events.contact(team, alice, D0).event());
        CloudEventRecords.publish(Events.contact(team, alice, D0.plus(Duration.ofDays(7))).event());
        CloudEventRecords.publish(Events.contact(team, alice, D0.plus(Duration.ofDays(25))).event());
        CloudEventRecords.publish(Events.contact(team, aliceToo, D0.plus(Duration.ofDays(20))).event());
        await().atMost(PROCESSING).until(() -> contactCount(team) == 4);

        String measures = "fcr_rate,issues_closed,issues_open,repeat_contact_rate,touchpoints_per_issue";
        JsonPath before = march(team, measures);
        // issues {d0, d7}, {d25}, {d20}: two of three closed issues had one contact
        assertThat(before.getDouble("measures.fcr_rate.value"), equalTo(2.0 / 3));
        assertThat(before.getDouble("measures.fcr_rate.base"), equalTo(3.0));
        assertThat(before.getDouble("measures.issues_open.value"), equalTo(0.0));
        assertThat(before.getDouble("measures.repeat_contact_rate.value"), equalTo(1.0 / 4));
        assertThat(before.getDouble("measures.touchpoints_per_issue.value"), equalTo(4.0 / 3));

        CloudEventRecords.publish(Events.merge(alice, aliceToo, D0.plus(Duration.ofDays(40))));

        // one person: issues {d0, d7} and {d20, d25}
        await().atMost(PROCESSING).untilAsserted(() ->
                assertThat(march(team, measures).getDouble("measures.fcr_rate.base"), equalTo(2.0)));
        JsonPath after = march(team, measures);
        assertThat(after.getDouble("measures.fcr_rate.value"), equalTo(0.0));
        assertThat(after.getDouble("measures.repeat_contact_rate.value"), equalTo(2.0 / 4));
        assertThat(after.getDouble("measures.touchpoints_per_issue.value"), equalTo(2.0));
    }

    @Test
    void aRepeatOneSecondAfterTheWindowOpensANewIssue() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        CloudEventRecords.publish(Events.contact(team, customer, D0).event());
        CloudEventRecords.publish(Events.contact(team, customer, D0.plus(Duration.ofDays(7)).plusSeconds(1))
                .event());
        // another reason is another issue
        CloudEventRecords.publish(Events.contact(team, customer, D0.plusSeconds(3600)).reason("delivery").event());
        await().atMost(PROCESSING).until(() -> contactCount(team) == 3);

        JsonPath row = march(team, "fcr_rate,repeat_contact_rate");
        assertThat(row.getDouble("measures.fcr_rate.value"), equalTo(1.0));
        assertThat(row.getDouble("measures.fcr_rate.base"), equalTo(3.0));
        assertThat(row.getDouble("measures.repeat_contact_rate.value"), equalTo(0.0));
    }

    @Test
    void anIssueOpenedYesterdayIsStillOpen() {
        String team = uniqueId("team");
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), yesterday).event());
        String from = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3).toString();
        String to = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        Map<String, Object> query = Map.of("from", from, "to", to, "granularity", "month", "team", team,
                "measures", "fcr_rate,issues_open,issues_closed");
        await().atMost(PROCESSING).untilAsserted(() -> kpis(query).statusCode(200)
                .body("rows.measures.issues_open.value.sum()", equalTo(1.0f)));
        kpis(query).statusCode(200)
                .body("rows.measures.issues_closed.value.sum()", equalTo(0.0f))
                .body("rows[0].measures.fcr_rate.value", equalTo(null))
                .body("rows[0].measures.fcr_rate.base", equalTo(0.0f));
    }

    @Test
    void aSurveyThreeDaysAfterTheCallCountsOnTheCallsDayTeamAndAgent() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        Events.Contact call = Events.contact(team, customer, Instant.parse("2025-03-04T16:00:00Z")).agent("agent-9");
        CloudEventRecords.publish(call.event());
        CloudEventRecords.publish(Events.survey(customer, call.id(), Instant.parse("2025-03-07T10:00:00Z"), 2, 3,
                5, 1));
        Map<String, Object> daily = Map.of("from", "2025-03-01", "to", "2025-03-08", "team", team,
                "groupBy", "agent", "measures", "csat,felt_valued,contacts_handled");
        await().atMost(PROCESSING).untilAsserted(() -> kpis(daily).statusCode(200)
                .body("rows", hasSize(1))
                .body("rows[0].measures.csat.base", equalTo(1.0f)));
        kpis(daily).statusCode(200)
                .body("rows[0].date", equalTo("2025-03-04"))
                .body("rows[0].group", equalTo("agent-9"))
                .body("rows[0].measures.csat.value", equalTo(0.0f))
                .body("rows[0].measures.felt_valued.value", equalTo(0.0f))
                .body("query.source", equalTo("rollups"))
                .body("freshness.latestEventAppliedAt", notNullValue())
                .body("freshness.asOf", notNullValue());
    }

    @Test
    void daysFollowTheZonesCalendarAcrossTheSpringDstChange() {
        String team = uniqueId("team");
        // 23:30 GMT on 29 March; 00:30 GMT and 02:30 BST on 30 March (clocks go forward at 01:00 UTC);
        // 23:30 UTC on 30 March is 00:30 BST on 31 March
        for (String t : List.of("2025-03-29T23:30:00Z", "2025-03-30T00:30:00Z", "2025-03-30T01:30:00Z",
                "2025-03-30T23:30:00Z")) {
            CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), Instant.parse(t)).event());
        }
        await().atMost(PROCESSING).until(() -> contactCount(team) == 4);

        Map<String, Object> london = Map.of("from", "2025-03-29", "to", "2025-04-01", "zone", "Europe/London",
                "team", team, "measures", "contacts_offered");
        kpis(london).statusCode(200)
                .body("rows.date", equalTo(List.of("2025-03-29", "2025-03-30", "2025-03-31")))
                .body("rows.measures.contacts_offered.value", equalTo(List.of(1.0f, 2.0f, 1.0f)))
                .body("rows[1].start", equalTo("2025-03-30T00:00:00Z"))
                .body("rows[1].end", equalTo("2025-03-30T23:00:00Z"));
        kpis(Map.of("from", "2025-03-29", "to", "2025-04-01", "zone", "UTC", "team", team,
                "measures", "contacts_offered")).statusCode(200)
                .body("rows.date", equalTo(List.of("2025-03-29", "2025-03-30")))
                .body("rows.measures.contacts_offered.value", equalTo(List.of(1.0f, 3.0f)));
        // hours of the 23-hour day, from the contacts themselves
        kpis(Map.of("from", "2025-03-30", "to", "2025-03-31", "zone", "Europe/London", "granularity", "hour",
                "team", team, "measures", "contacts_offered")).statusCode(200)
                .body("query.source", equalTo("contacts"))
                .body("rows.start", equalTo(List.of("2025-03-30T00:00:00Z", "2025-03-30T01:00:00Z")))
                .body("rows.end", equalTo(List.of("2025-03-30T01:00:00Z", "2025-03-30T02:00:00Z")));
    }

    @Test
    void groupsAndFiltersFromTheViewsAndTheCubeAsTheContactsThemselvesWould() {
        String team = uniqueId("team");
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), D0).agent("agent-1").times(100, 0, 0)
                .event());
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), D0).agent("agent-1").times(200, 0, 0)
                .event());
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), D0).agent("agent-1").channel(Channel.CHAT)
                .times(400, 0, 0).event());
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), D0).agent("agent-2").channel(Channel.CHAT)
                .times(800, 0, 0).event());
        await().atMost(PROCESSING).until(() -> contactCount(team) == 4);

        for (String zone : List.of("UTC", "Etc/UTC")) { // rollups, then the contacts themselves
            String source = zone.equals("UTC") ? "rollups" : "contacts";
            kpis(Map.of("from", "2025-03-01", "to", "2025-04-01", "granularity", "month", "zone", zone,
                    "team", team, "groupBy", "agent", "measures", "contacts_handled,aht,aht_median")).statusCode(200)
                    .body("query.source", equalTo(source))
                    .body("rows.group", equalTo(List.of("agent-1", "agent-2")))
                    .body("rows.measures.contacts_handled.value", equalTo(List.of(3.0f, 1.0f)))
                    .body("rows.measures.aht_median.value", equalTo(List.of(200.0f, 800.0f)))
                    .body("rows.measures.aht.value", equalTo(List.of(700f / 3, 800.0f)));
            kpis(Map.of("from", "2025-03-01", "to", "2025-04-01", "granularity", "month", "zone", zone,
                    "team", team, "groupBy", "agent", "channel", "CHAT", "measures", "aht")).statusCode(200)
                    .body("rows.group", equalTo(List.of("agent-1", "agent-2")))
                    .body("rows.measures.aht.value", equalTo(List.of(400.0f, 800.0f)));
            kpis(Map.of("from", "2025-03-01", "to", "2025-04-01", "granularity", "month", "zone", zone,
                    "team", team, "groupBy", "channel", "agent", List.of("agent-1", "agent-2"),
                    "measures", "contacts_handled")).statusCode(200)
                    .body("rows.group", equalTo(List.of("CHAT", "VOICE")))
                    .body("rows.measures.contacts_handled.value", equalTo(List.of(2.0f, 2.0f)));
        }
    }

    @Test
    void dailyRowsByAgentAreTheStoredCellsInRowOrderAsTheContactsThemselvesGiveThem() {
        String team = uniqueId("team");
        String repeater = uniqueId("cust");
        Duration day = Duration.ofDays(1);
        CloudEventRecords.publish(Events.contact(team, repeater, D0).agent("agent-2").times(500, 0, 0).event());
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), D0).agent("agent-1").event());
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), D0).abandoned(40).event());
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), D0.plus(day)).agent("agent-1").event());
        CloudEventRecords.publish(Events.contact(team, repeater, D0.plus(day.multipliedBy(2))).agent("agent-1")
                .event());
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), D0.plus(day.multipliedBy(2)))
                .agent("agent-2").times(100, 20, 30).event());
        await().atMost(PROCESSING).until(() -> contactCount(team) == 6);

        Map<String, List<Object>> rowsBySource = new java.util.HashMap<>();
        for (String zone : List.of("UTC", "Etc/UTC")) { // rollups (each stored cell a row), then the contacts
            Map<String, Object> query = Map.of("from", "2025-03-01", "to", "2025-04-01", "granularity", "day",
                    "zone", zone, "team", team, "groupBy", "agent",
                    "measures", "contacts_offered,aht,fcr_rate,repeat_contact_rate");
            rowsBySource.put(zone, kpis(query).statusCode(200)
                    .body("page.totalRows", equalTo(6))
                    .body("rows.date", equalTo(List.of("2025-03-03", "2025-03-03", "2025-03-03", "2025-03-04",
                            "2025-03-05", "2025-03-05")))
                    .body("rows.group", equalTo(java.util.Arrays.asList("agent-1", "agent-2", null, "agent-1",
                            "agent-1", "agent-2")))
                    .body("rows.measures.aht.value", equalTo(java.util.Arrays.asList(300.0f, 500.0f, null, 300.0f,
                            300.0f, 150.0f)))
                    .body("rows.measures.fcr_rate.value", equalTo(java.util.Arrays.asList(1.0f, 0.0f, null, 1.0f,
                            null, 1.0f)))
                    .extract().path("rows"));
            Map<String, Object> secondPage = new java.util.HashMap<>(query);
            secondPage.put("page", "1");
            secondPage.put("size", "2");
            kpis(secondPage).statusCode(200)
                    .body("rows.group", equalTo(java.util.Arrays.asList(null, "agent-1")))
                    .body("rows.date", equalTo(List.of("2025-03-03", "2025-03-04")));
        }
        org.junit.jupiter.api.Assertions.assertEquals(rowsBySource.get("Etc/UTC"), rowsBySource.get("UTC"));
    }

    @Test
    void aManagerSeesOnlyTheirTeamsAndAskingForAnotherIsForbidden() {
        String mine = uniqueId("team");
        String theirs = uniqueId("team");
        CloudEventRecords.publish(Events.contact(mine, uniqueId("cust"), D0).event());
        CloudEventRecords.publish(Events.contact(theirs, uniqueId("cust"), D0).event());
        await().atMost(PROCESSING).until(() -> contactCount(mine) == 1 && contactCount(theirs) == 1);
        String manager = TestTokens.managerOf(mine);
        Map<String, Object> byTeam = Map.of("from", "2025-03-01", "to", "2025-04-01", "granularity", "month",
                "groupBy", "team", "measures", "contacts_offered");

        kpis(manager, byTeam).statusCode(200).body("rows.group", equalTo(List.of(mine)));
        kpis(manager, Map.of("from", "2025-03-01", "to", "2025-04-01", "team", mine)).statusCode(200);
        kpis(manager, Map.of("from", "2025-03-01", "to", "2025-04-01", "team", theirs)).statusCode(403)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString(theirs));
        kpis(manager, Map.of("from", "2025-03-01", "to", "2025-04-01", "team", List.of(mine, theirs)))
                .statusCode(403);
        kpis(TestTokens.withRoles(Roles.MANAGER), byTeam).statusCode(403);
        kpis(TestTokens.withRoles("agent"), byTeam).statusCode(403);
        given().queryParams(byTeam).when().get(Reports.KPIS).then().statusCode(401);
        // an analyst sees every team
        kpis(byTeam).statusCode(200).body("rows.group", org.hamcrest.Matchers.hasItems(mine, theirs));
        given().auth().oauth2(manager).when().get("/api/v1/session").then().statusCode(200)
                .body("roles", equalTo(List.of("manager")))
                .body("allTeams", equalTo(false))
                .body("teams", equalTo(List.of(mine)));
        given().auth().oauth2(TestTokens.withRoles("agent")).when().get("/api/v1/session").then().statusCode(403);
    }

    @Test
    void namesEveryInvalidParameterInOneProblem() {
        kpis(Map.of("granularity", "fortnight", "zone", "Mars/Olympus", "groupBy", "planet",
                "measures", "happiness", "size", "100000", "agent", "bad agent")).statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations.field", containsInAnyOrder("from", "to", "granularity", "zone", "groupBy",
                        "measures", "size", "agent"))
                .body("violations.in", everyItem(equalTo("query")));
        kpis(Map.of("from", "2025-03-01T12:00:00Z", "to", "2025-03-02")).statusCode(400)
                .body("violations[0].field", equalTo("from"))
                .body("violations[0].message", containsString("midnight"));
        kpis(Map.of("from", "2025-01-01", "to", "2025-03-01", "granularity", "hour")).statusCode(400)
                .body("violations[0].message", containsString("31 days"));
        kpis(Map.of("from", "2025-03-02", "to", "2025-03-01")).statusCode(400)
                .body("violations[0].message", containsString("before"));
    }

    @Test
    void pagesTheRows() {
        String team = uniqueId("team");
        for (int day = 0; day < 5; day++) {
            CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), D0.plus(Duration.ofDays(day))).event());
        }
        await().atMost(PROCESSING).until(() -> contactCount(team) == 5);
        kpis(Map.of("from", "2025-03-01", "to", "2025-04-01", "team", team, "page", "1", "size", "2"))
                .statusCode(200)
                .body("page.totalRows", equalTo(5))
                .body("page.totalPages", equalTo(3))
                .body("rows.date", equalTo(List.of("2025-03-05", "2025-03-06")));
    }

    @Test
    void answersAsCsvWithAHeaderRowAndTheFreshnessInHeaders() {
        String team = uniqueId("team");
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), D0).reason("=HYPERLINK(\"x\")")
                .times(100, 0, 0).event());
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), D0).reason("billing, urgent")
                .times(300, 0, 0).event());
        await().atMost(PROCESSING).until(() -> contactCount(team) == 2);

        String csv = given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST)).accept("text/csv")
                .queryParam("from", "2025-03-03").queryParam("to", "2025-03-04").queryParam("team", team)
                .queryParam("groupBy", "reason").queryParam("measures", "contacts_handled,aht")
                .when().get(Reports.KPIS)
                .then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Cx-Total-Rows", "2")
                .header("Cx-As-Of", notNullValue())
                .extract().asString();
        // the formula is defused with an apostrophe, then quoted for its quotes; the comma is quoted
        assertThat(csv, equalTo("start,end,date,reason,contacts_handled,aht,aht_base\r\n"
                + "2025-03-03T00:00:00Z,2025-03-04T00:00:00Z,2025-03-03,\"'=HYPERLINK(\"\"x\"\")\",1,100,1\r\n"
                + "2025-03-03T00:00:00Z,2025-03-04T00:00:00Z,2025-03-03,\"billing, urgent\",1,300,1\r\n"));
    }

    @Test
    void listsTheContactsBehindAFigureInStartOrder() {
        String team = uniqueId("team");
        String customer = uniqueId("cust");
        Events.Contact late = Events.contact(team, customer, D0.plusSeconds(600)).agent("agent-5");
        Events.Contact early = Events.contact(team, uniqueId("cust"), D0).agent("agent-5");
        CloudEventRecords.publish(late.event());
        CloudEventRecords.publish(early.event());
        CloudEventRecords.publish(Events.contact(team, uniqueId("cust"), D0).agent("agent-6").event());
        CloudEventRecords.publish(Events.survey(customer, late.id(), D0.plus(Duration.ofDays(1)), 4, null, null, 5));
        await().atMost(PROCESSING).until(() -> contactCount(team) == 3);
        Map<String, Object> query = Map.of("from", "2025-03-03", "to", "2025-03-04", "team", team,
                "agent", "agent-5");
        await().atMost(PROCESSING).untilAsserted(() -> given().auth().oauth2(TestTokens.managerOf(team))
                .queryParams(query).when().get(Reports.KPIS + "/contacts")
                .then().statusCode(200)
                .body("contacts.interactionId", equalTo(List.of(early.id(), late.id())))
                .body("contacts[1].surveys[0].csat", equalTo(4))
                .body("contacts[1].customerId", equalTo(customer))
                .body("contacts[0].issueRole", equalTo("OPENED"))
                .body("page.totalRows", equalTo(2)));
        given().auth().oauth2(TestTokens.managerOf(uniqueId("team"))).queryParams(query)
                .when().get(Reports.KPIS + "/contacts").then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST))
                .queryParams(Map.of("from", "2025-01-01", "to", "2025-03-01"))
                .when().get(Reports.KPIS + "/contacts").then().statusCode(400)
                .body("violations[0].message", containsString("31 days"));
        String csv = given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST)).accept("text/csv")
                .queryParams(query).when().get(Reports.KPIS + "/contacts")
                .then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n").length, equalTo(3));
        assertThat(csv, containsString(late.id()));
    }
}
