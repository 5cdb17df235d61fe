package io.cxvalue.reporting.rest;

import io.cxvalue.contracts.events.ValueDriversAnalysed;
import io.cxvalue.contracts.CxEvent;
import io.cxvalue.reporting.Events;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Six teams over 28 days either side of a training programme for two of them, sent as events: every team's CSAT rises
 * by 5 points after the date (a season), the trained teams' by 15 more, and their handle time falls by 60 s while
 * everyone else's rises by 10 s. The difference in differences must recover +15 points and -70 s (the trained teams'
 * own before/after change says +20 and -60), with intervals covering the truth and a placebo near zero; a change to a
 * team with no peers in its period is estimated as an interrupted time series.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ProcessChangeResourceTest {

    private static final String PATH = "/api/v1/process-changes";
    private static final LocalDate DAY0 = LocalDate.parse("2024-06-03");
    private static final int DAYS = 28;
    private static final int PER_DAY = 30;
    private static final List<String> TEAMS = List.of(uniqueId("team"), uniqueId("team"), uniqueId("team"),
            uniqueId("team"), uniqueId("team"), uniqueId("team"));
    private static final String ALONE = uniqueId("team");
    private static final LocalDate ALONE_DAY0 = LocalDate.parse("2024-10-07");
    private static boolean sent;

    private static synchronized void sendTheWorld() {
        if (sent) {
            return;
        }
        Random random = new Random(2026);
        List<CxEvent> events = new ArrayList<>();
        for (int t = 0; t < TEAMS.size(); t++) {
            boolean trained = t < 2;
            double teamLevel = 0.65 + 0.02 * t;
            for (int d = -DAYS; d < DAYS; d++) {
                boolean after = d >= 0;
                double p = teamLevel + (after ? 0.05 : 0) + (after && trained ? 0.15 : 0);
                int talk = 300 + (after ? (trained ? -60 : 10) : 0);
                day(events, random, TEAMS.get(t), DAY0.plusDays(d), p, talk);
            }
        }
        // A team alone in its period: CSAT steps from 0.6 to 0.8 at its change, on a slight upward trend.
        for (int d = -DAYS; d < DAYS; d++) {
            day(events, random, ALONE, ALONE_DAY0.plusDays(d), 0.6 + 0.001 * (d + DAYS) + (d >= 0 ? 0.2 : 0), 300);
        }
        CloudEventRecords.publishAll(events);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> answered(ALONE, "2024-09-01", "2024-12-01") == 2 * DAYS * PER_DAY
                        && TEAMS.stream().allMatch(team -> answered(team, "2024-05-01", "2024-08-01")
                        == 2 * DAYS * PER_DAY));
        sent = true;
    }

    /** The team's CSAT answers in whole UTC months from {@code from} to {@code to}. */
    private static int answered(String team, String from, String to) {
        List<Float> bases = Reports.kpis(Map.of("from", from, "to", to, "granularity", "month", "team", team,
                "measures", "csat")).statusCode(200).extract().path("rows.measures.csat.base");
        return (int) bases.stream().mapToDouble(Float::doubleValue).sum();
    }

    private static void day(List<CxEvent> events, Random random, String team, LocalDate date, double p, int talk) {
        for (int i = 0; i < PER_DAY; i++) {
            Instant at = date.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(480 + 15L * i));
            String customer = uniqueId("cust");
            Events.Contact contact = Events.contact(team, customer, at).times(talk, 0, 0);
            events.add(contact.event());
            int csat = random.nextDouble() < p ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
            events.add(Events.survey(customer, contact.id(), at.plus(Duration.ofHours(1)), csat, null, null, null));
        }
    }

    private static String record(String body) {
        return given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST)).contentType(ContentType.JSON).body(body)
                .when().post(PATH).then().statusCode(201).extract().path("id");
    }

    private static JsonPath impact(String token, String id) {
        return given().auth().oauth2(token).when().get(PATH + "/" + id + "/impact").then().statusCode(200)
                .extract().jsonPath();
    }

    private static Map<String, Object> figure(JsonPath answer, String measure) {
        List<Map<String, Object>> figures = answer.getList("figures");
        return figures.stream().filter(f -> measure.equals(f.get("measure"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static double effect(Map<String, Object> figure, String field) {
        return ((Number) ((Map<String, Object>) figure.get("effect")).get(field)).doubleValue();
    }

    @Test
    void theDifferenceInDifferencesRecoversThePlantedEffectsAgainstTheUntrainedTeams() {
        sendTheWorld();
        String id = record("""
                {"name": "De-escalation training", "effectiveDate": "%s", "teams": ["%s", "%s"],
                 "cost": 10000, "currency": "EUR"}""".formatted(DAY0, TEAMS.get(0), TEAMS.get(1)));
        JsonPath answer = impact(TestTokens.managerOf(TEAMS.get(0) + " " + TEAMS.get(1)), id);
        assertThat(answer.getList("controlTeams"), equalTo(TEAMS.subList(2, 6).stream().sorted().toList()));
        Map<String, Object> csat = figure(answer, "csat");
        assertEquals("DIFFERENCE_IN_DIFFERENCES", csat.get("method"));
        assertThat(effect(csat, "low"), lessThan(0.15));
        assertThat(effect(csat, "high"), greaterThan(0.15));
        assertThat(effect(csat, "low"), greaterThan(0.0));
        @SuppressWarnings("unchecked")
        Map<String, Object> placebo = (Map<String, Object>) csat.get("placebo");
        assertThat(((Number) placebo.get("low")).doubleValue(), lessThan(0.0));
        assertThat(((Number) placebo.get("high")).doubleValue(), greaterThan(0.0));
        assertThat((String) csat.get("words"), containsString("csat rose by"));
        assertThat((String) csat.get("words"), containsString("against the teams it did not affect"));
        Map<String, Object> aht = figure(answer, "aht");
        // Handle time is planted exactly: -60 s for the trained teams against +10 s for the others: -70 s.
        assertEquals(-70.0, effect(aht, "estimate"), 1e-6);
        // 2 teams x 30 contacts a day x 30 days x 70 s at 0.80 EUR a minute.
        double value = 2 * PER_DAY * 30 * 70 / 60.0 * 0.8;
        assertEquals(value, answer.getDouble("agentTimeValuePerMonth"), 1e-3);
        // With a value-driver analysis (another test may have sent one), the customer value adds to agent time.
        Object customer = answer.get("customerValuePerMonth");
        double total = value + (customer == null ? 0 : ((Number) customer).doubleValue());
        assertEquals(total, answer.getDouble("totalValuePerMonth"), 1e-3);
        if (total > 0) {
            assertEquals(10_000 / total, answer.getDouble("paybackMonths"), 1e-3);
        }
        assertThat(answer.getList("assumptions").toString(), containsString("Parallel trends"));
    }

    /**
     * With an analysis of what moves customer value (scoring's event), the return counts the issues first-contact
     * resolution turned resolved, each worth the value at stake per customer with an unresolved contact.
     */
    @Test
    void theReturnCountsTheCustomerValueOfTheIssuesResolved() {
        sendTheWorld();
        String id = record("""
                {"name": "Knowledge base", "effectiveDate": "%s", "teams": ["%s", "%s"],
                 "cost": 5000, "currency": "EUR"}""".formatted(DAY0, TEAMS.get(0), TEAMS.get(1)));
        String analysisId = "vd-" + java.util.UUID.randomUUID();
        // Analysed "later" than any other test's, so that it is the latest.
        CloudEventRecords.publish(new ValueDriversAnalysed(analysisId, Instant.now().plus(Duration.ofDays(3650)),
                Instant.now(), 3, "EUR", List.of(
                        new ValueDriversAnalysed.Driver("UNRESOLVED", 200.0, -12.0, 30_000.0, 20_000.0, 40_000.0),
                        new ValueDriversAnalysed.Driver("LONG_WAIT", 100.0, -3.0, 2_000.0, 500.0, 3_500.0))));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                analysisId.equals(impact(TestTokens.withRoles(Roles.ANALYST), id).getString("valueDriverAnalysisId")));
        JsonPath answer = impact(TestTokens.withRoles(Roles.ANALYST), id);
        Map<String, Object> fcr = figure(answer, "fcr_rate");
        double issues = answer.getDouble("affectedIssuesPerMonth");
        assertThat(issues, greaterThan(0.0));
        double expected = effect(fcr, "estimate") * issues * (30_000.0 / 200.0);
        assertEquals(expected, answer.getDouble("customerValuePerMonth"), 1e-5 * Math.max(1, Math.abs(expected)));
        // The world plants no FCR effect: whatever the estimate, its interval holds it.
        assertThat(answer.getDouble("customerValueLow"), lessThanOrEqualTo(answer.getDouble("customerValuePerMonth")));
        assertThat(answer.getDouble("customerValueHigh"),
                greaterThanOrEqualTo(answer.getDouble("customerValuePerMonth")));
        double total = answer.getDouble("agentTimeValuePerMonth") + expected;
        assertEquals(total, answer.getDouble("totalValuePerMonth"), 1e-5 * Math.max(1, Math.abs(total)));
        if (total > 0) {
            assertEquals(5_000 / total, answer.getDouble("paybackMonths"), 1e-5 * (5_000 / total));
        }
        assertThat(answer.getString("customerValueNote"), containsString(analysisId));
        assertThat(answer.getList("assumptions").toString(), containsString("spares one customer an unresolved"));
    }

    @Test
    void aTeamWithoutPeersGetsAnInterruptedTimeSeries() {
        sendTheWorld();
        String id = record("""
                {"name": "New IVR", "effectiveDate": "%s", "teams": ["%s"]}""".formatted(ALONE_DAY0, ALONE));
        JsonPath answer = impact(TestTokens.withRoles(Roles.ANALYST), id);
        Map<String, Object> csat = figure(answer, "csat");
        assertEquals("INTERRUPTED_TIME_SERIES", csat.get("method"));
        assertThat(effect(csat, "low"), lessThan(0.2));
        assertThat(effect(csat, "high"), greaterThan(0.2));
        assertThat((String) csat.get("words"), containsString("against the trend before it"));
        assertTrue(answer.getList("controlTeams").isEmpty());
    }

    @Test
    void badChangesAndForeignTeamsAreRefused() {
        given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST)).contentType(ContentType.JSON)
                .body("{\"name\": \"\", \"effectiveDate\": \"soon\", \"teams\": [], \"cost\": -1}")
                .when().post(PATH).then().statusCode(400)
                .body("violations.field", equalTo(List.of("name", "effectiveDate", "teams", "cost", "currency")))
                .body("violations[0].in", equalTo("body"));
        given().auth().oauth2(TestTokens.managerOf(TEAMS.get(0))).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"effectiveDate\": \"2025-09-01\", \"teams\": [\"a\"]}")
                .when().post(PATH).then().statusCode(403);
        String id = record("""
                {"name": "Script", "effectiveDate": "2024-06-03", "teams": ["%s"]}""".formatted(TEAMS.get(3)));
        given().auth().oauth2(TestTokens.managerOf(TEAMS.get(0))).when().get(PATH + "/" + id + "/impact")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST)).when().get(PATH + "/" + id + "/impact?days=3")
                .then().statusCode(400).body("violations[0].field", equalTo("days"));
        given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST)).when().get(PATH + "/nope/impact")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST)).when().delete(PATH + "/" + id)
                .then().statusCode(204);
        given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST)).when().delete(PATH + "/" + id)
                .then().statusCode(404);
    }
}
