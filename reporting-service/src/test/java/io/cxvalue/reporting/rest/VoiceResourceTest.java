package io.cxvalue.reporting.rest;

import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.events.CommentTerm;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.reporting.Events;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The voice of the customer through the API: two fortnights of commented survey answers of two teams sent as events
 * (terms only, as ingestion publishes them). Team A's "long waits" go from 10 % to 30 % of comments, "double
 * charged" is only about billing, "rude" comes with low CSAT, and a name appears in four comments; team B talks about
 * a slow app. The counts must be exactly those sent, the planted trend and distinctive theme found, the name never
 * shown, and a manager must see their own team only.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class VoiceResourceTest {

    private static final String TEAM_A = uniqueId("team");
    private static final String TEAM_B = uniqueId("team");
    private static final Instant PREVIOUS = Instant.parse("2025-04-07T00:00:00Z");
    private static final Instant FROM = Instant.parse("2025-04-21T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-05-05T00:00:00Z");
    private static final Map<String, Integer> SENT = new HashMap<>();
    private static boolean sent;

    private static synchronized void sendTheWorld() {
        if (sent) {
            return;
        }
        Random random = new Random(4242);
        // The contacts' sentiment, drawn apart so the rest of the world stays as it was planted.
        Random moods = new Random(77);
        List<CxEvent> events = new ArrayList<>();
        int named = 0;
        for (int period = 0; period < 2; period++) {
            boolean now = period == 1;
            Instant start = now ? FROM : PREVIOUS;
            for (String team : List.of(TEAM_A, TEAM_B)) {
                int contacts = team.equals(TEAM_A) ? 600 : 200;
                for (int i = 0; i < contacts; i++) {
                    String customer = uniqueId("cust");
                    String reason = i % 3 == 0 ? "billing" : i % 3 == 1 ? "delivery" : "technical";
                    Instant at = start.plus(Duration.ofMinutes(random.nextInt(14 * 24 * 60)));
                    Events.Contact contact = Events.contact(team, customer, at).reason(reason);
                    // Team B's agents note router faults on 40 % of its contacts, 70 % of which are measured negative
                    // in sentiment (10 % of the others).
                    boolean router = team.equals(TEAM_B) && random.nextDouble() < 0.4;
                    boolean negative = moods.nextDouble() < (router ? 0.7 : 0.1);
                    contact.sentiment(negative ? -0.4 - 0.6 * moods.nextDouble() : -0.2 + 1.2 * moods.nextDouble());
                    if (router) {
                        contact.textTerms(List.of(new CommentTerm("router", "router"),
                                new CommentTerm("fault", "fault"), new CommentTerm("router fault", "router fault")));
                        SENT.merge((now ? "now|" : "before|") + team + "|texts", 1, Integer::sum);
                        SENT.merge((now ? "now|" : "before|") + team + "|texts|negative", negative ? 1 : 0,
                                Integer::sum);
                    }
                    events.add(contact.event());
                    List<CommentTerm> terms = new ArrayList<>();
                    boolean rude = false;
                    if (team.equals(TEAM_A)) {
                        if (random.nextDouble() < (now ? 0.30 : 0.10)) {
                            terms.add(new CommentTerm("long", "long"));
                            terms.add(new CommentTerm("wait", "waits"));
                            terms.add(new CommentTerm("long wait", "long waits"));
                        }
                        if (reason.equals("billing") && random.nextDouble() < 0.3) {
                            terms.add(new CommentTerm("doubl charg", "double charged"));
                        }
                        rude = random.nextDouble() < 0.08;
                        if (rude) {
                            terms.add(new CommentTerm("rude", "rude"));
                        }
                        if (now && named < 4) {
                            terms.add(new CommentTerm("ada smith", "ada smith"));
                            named++;
                        }
                    } else if (random.nextDouble() < 0.5) {
                        terms.add(new CommentTerm("slow app", "slow app"));
                    }
                    terms.add(new CommentTerm("servic", "service"));
                    int csat = random.nextDouble() < (rude ? 0.7 : 0.15) ? 1 + random.nextInt(2) : 3 + random.nextInt(3);
                    String id = "resp-" + java.util.UUID.randomUUID();
                    events.add(new SurveyResponded(id, "survey-tool", "ext-" + id, customer, contact.id(),
                            at.plus(Duration.ofHours(1)), csat, null, null, null, null, terms));
                    String periodKey = (now ? "now|" : "before|") + team;
                    SENT.merge(periodKey, 1, Integer::sum);
                    for (CommentTerm t : terms) {
                        SENT.merge(periodKey + "|" + t.key(), 1, Integer::sum);
                        if (reason.equals("billing")) {
                            SENT.merge(periodKey + "|billing|" + t.key(), 1, Integer::sum);
                        }
                    }
                    if (reason.equals("billing")) {
                        SENT.merge(periodKey + "|billing", 1, Integer::sum);
                    }
                }
            }
        }
        CloudEventRecords.publishAll(events);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonPath r = voice(TestTokens.withRoles(Roles.ANALYST), Map.of("from", FROM.toString(), "to",
                    TO.toString(), "team", List.of(TEAM_A, TEAM_B))).statusCode(200).extract().jsonPath();
            return r.getLong("comments") == SENT.get("now|" + TEAM_A) + SENT.get("now|" + TEAM_B)
                    + SENT.get("now|" + TEAM_B + "|texts")
                    && r.getLong("previousComments") == SENT.get("before|" + TEAM_A) + SENT.get("before|" + TEAM_B)
                    + SENT.get("before|" + TEAM_B + "|texts");
        });
        sent = true;
    }

    @Test
    void themesCountWhatWasSaidAndFindThePlantedTrendAndReason() {
        sendTheWorld();
        JsonPath r = voice(TestTokens.withRoles(Roles.ANALYST), Map.of("from", FROM.toString(), "to", TO.toString(),
                "team", TEAM_A)).statusCode(200).extract().jsonPath();
        assertEquals((long) SENT.get("now|" + TEAM_A), r.getLong("comments"));
        Map<String, Object> wait = theme(r, "long wait");
        assertEquals(SENT.get("now|" + TEAM_A + "|long wait"), wait.get("comments"));
        assertEquals(SENT.get("before|" + TEAM_A + "|long wait"), wait.get("previousComments"));
        assertEquals("RISING", wait.get("direction"));
        assertEquals("long waits", wait.get("label"));
        assertTrue(((String) wait.get("sentence")).contains("rising"), (String) wait.get("sentence"));
        List<String> keys = r.getList("themes.key");
        assertFalse(keys.contains("long"), "'long' only comes in 'long wait'");
        assertFalse(keys.contains("ada smith"), "a term of four comments is not shown");
        assertFalse(keys.contains("slow app"), "team B's theme is not team A's");
        Map<String, Object> rude = theme(r, "rude");
        assertTrue(((Number) ((Map<?, ?>) rude.get("lowCsatRatio")).get("low")).doubleValue() > 1,
                "rude comments come with low CSAT: " + rude);
        List<Map<String, Object>> reasons = r.getList("byContactReason");
        Map<String, Object> billing = reasons.stream().filter(x -> "billing".equals(x.get("contactReason")))
                .findFirst().orElseThrow();
        assertEquals(SENT.get("now|" + TEAM_A + "|billing"), billing.get("comments"));
        List<Map<String, Object>> distinctive = (List<Map<String, Object>>) billing.get("distinctive");
        assertEquals("doubl charg", distinctive.get(0).get("key"));
        assertEquals(SENT.get("now|" + TEAM_A + "|billing|doubl charg"), distinctive.get(0).get("comments"));

        JsonPath onlyBilling = voice(TestTokens.withRoles(Roles.ANALYST), Map.of("from", FROM.toString(), "to",
                TO.toString(), "team", TEAM_A, "reason", "billing")).statusCode(200).extract().jsonPath();
        assertEquals((long) SENT.get("now|" + TEAM_A + "|billing"), onlyBilling.getLong("comments"));
    }

    @Test
    void contactNotesAreHeardAlongsideOrApartFromTheComments() {
        sendTheWorld();
        JsonPath texts = voice(TestTokens.managerOf(TEAM_B), Map.of("from", FROM.toString(), "to", TO.toString(),
                "source", "contact")).statusCode(200).extract().jsonPath();
        assertEquals((long) SENT.get("now|" + TEAM_B + "|texts"), texts.getLong("comments"));
        assertEquals(List.of("router fault"), texts.getList("themes.key"), "'router' and 'fault' come only in pairs");
        assertEquals((long) SENT.get("now|" + TEAM_B + "|texts"),
                ((Number) theme(texts, "router fault").get("comments")).longValue());
        JsonPath all = voice(TestTokens.managerOf(TEAM_B), Map.of("from", FROM.toString(), "to", TO.toString()))
                .statusCode(200).extract().jsonPath();
        assertTrue(all.getList("themes.key").contains("router fault"));
        assertTrue(all.getList("themes.key").contains("slow app"));
        // Notes carry no CSAT: their theme is judged by the sentiment measured of its contacts.
        Map<String, Object> router = theme(all, "router fault");
        int notes = SENT.get("now|" + TEAM_B + "|texts");
        assertEquals(0, ((Number) router.get("csatAnswers")).intValue(), router.toString());
        assertEquals(notes, ((Number) router.get("sentimentMeasured")).intValue(), router.toString());
        assertEquals((double) SENT.get("now|" + TEAM_B + "|texts|negative") / notes,
                ((Number) ((Map<?, ?>) router.get("negativeSentimentShare")).get("estimate")).doubleValue(), 1e-6,
                "JsonPath reads numbers as floats");
        assertTrue(((Number) ((Map<?, ?>) router.get("negativeSentimentRatio")).get("low")).doubleValue() > 1,
                "router faults come with negative contacts: " + router);
        assertTrue(((String) router.get("sentence")).contains("negative in sentiment"), router.toString());
        voice(TestTokens.managerOf(TEAM_B), Map.of("from", FROM.toString(), "to", TO.toString(), "source", "chat"))
                .statusCode(400);
    }

    @Test
    void aManagerHearsTheirOwnTeamOnly() {
        sendTheWorld();
        JsonPath r = voice(TestTokens.managerOf(TEAM_B), Map.of("from", FROM.toString(), "to", TO.toString(),
                "source", "survey")).statusCode(200).extract().jsonPath();
        assertEquals((long) SENT.get("now|" + TEAM_B), r.getLong("comments"));
        List<String> keys = r.getList("themes.key");
        assertTrue(keys.contains("slow app"), keys.toString());
        assertFalse(keys.contains("long wait"), keys.toString());
        voice(TestTokens.managerOf(TEAM_B), Map.of("from", FROM.toString(), "to", TO.toString(), "team", TEAM_A))
                .statusCode(403);
        voice(TestTokens.withRoles("agent"), Map.of("from", FROM.toString(), "to", TO.toString())).statusCode(403);
        given().queryParam("from", FROM.toString()).queryParam("to", TO.toString()).when().get("/api/v1/voice")
                .then().statusCode(401);
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        String analyst = TestTokens.withRoles(Roles.ANALYST);
        bad(analyst, Map.of("from", TO.toString(), "to", FROM.toString()), "from");
        bad(analyst, Map.of("from", "2024-01-01", "to", "2025-03-01"), "to");
        bad(analyst, Map.of("from", FROM.toString(), "to", TO.toString(), "limit", "0"), "limit");
        bad(analyst, Map.of("from", FROM.toString(), "to", TO.toString(), "minComments", "4"), "minComments");
        bad(analyst, Map.of("to", TO.toString()), "from");
    }

    private static void bad(String token, Map<String, ?> params, String field) {
        voice(token, params).statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> theme(JsonPath r, String key) {
        List<Map<String, Object>> themes = r.getList("themes");
        return themes.stream().filter(t -> key.equals(t.get("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no theme " + key + " in " + r.getList("themes.key")));
    }

    private static ValidatableResponse voice(String token, Map<String, ?> params) {
        return given().auth().oauth2(token).queryParams(params).when().get("/api/v1/voice").then();
    }
}
