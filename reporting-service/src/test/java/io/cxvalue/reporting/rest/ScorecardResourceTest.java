package io.cxvalue.reporting.rest;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.reporting.Events;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.cxvalue.reporting.rest.Reports.contactCount;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/**
 * Scorecards and the coaching list from published contacts, answers and evaluations: one agent the reviewers rate
 * above what customers felt, one the other way round, one without enough answers.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ScorecardResourceTest {

    private static final Instant D0 = Instant.parse("2025-04-07T09:00:00Z");
    private static final String TEAM = uniqueId("team");
    private static boolean published;
    private final String team = TEAM;

    /** Publishes the agents' events once for the class (REST Assured is set up per test, not before all). */
    @BeforeEach
    void publishOnce() {
        if (published) {
            return;
        }
        published = true;
        List<CxEvent> events = new ArrayList<>();
        // agent-a: 10 of 40 felt valued, reviewers score 90 (6 evaluations)
        // agent-b: 36 of 40 felt valued, reviewers score 60 (6 evaluations)
        // agent-c: 5 answers only
        addAgent(events, "agent-a", 40, 10, 90);
        addAgent(events, "agent-b", 40, 36, 60);
        addAgent(events, "agent-c", 5, 5, 50);
        CloudEventRecords.publishAll(events);
        await().atMost(Duration.ofSeconds(60)).until(() -> contactCount(team) == 85);
    }

    private void addAgent(List<CxEvent> events, String agent, int contacts, int feltValued, double quality) {
        for (int i = 0; i < contacts; i++) {
            String customer = uniqueId("cust");
            Events.Contact call = Events.contact(team, customer, D0.plusSeconds(60L * i)).agent(agent);
            events.add(call.event());
            events.add(Events.survey(customer, call.id(), D0.plus(Duration.ofDays(1)), i < feltValued ? 5 : 2, null,
                    null, i < feltValued ? 5 : 2));
            if (i < 6) {
                events.add(Events.evaluation(call, customer, quality, Map.of("empathy", quality)));
            }
        }
    }

    @Test
    void showsTheCustomersViewNextToTheReviewersWithIntervals() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> scorecards(Map.of())
                .body("agents.agentId", equalTo(List.of("agent-a", "agent-b", "agent-c")))
                .body("agents[0].quality.base", equalTo(6)));
        scorecards(Map.of())
                .body("agents[0].contactsHandled", equalTo(40.0))
                .body("agents[0].feltValued.value", equalTo(0.25))
                .body("agents[0].feltValued.base", equalTo(40))
                .body("agents[0].feltValued.low", closeTo(0.1419, 1e-3))
                .body("agents[0].quality.value", equalTo(90.0))
                .body("agents[0].criteria[0].name", equalTo("empathy"))
                .body("agents[0].gap.points", closeTo(-65.0, 1e-4))
                .body("agents[2].gap.clear", equalTo(false));
    }

    @Test
    void ranksTheClearGapsBothWaysRoundInWords() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> coaching(TestTokens.withRoles(Roles.ANALYST))
                .statusCode(200).body("coaching", hasSize(2)));
        coaching(TestTokens.managerOf(team)).statusCode(200)
                .body("agentsConsidered", equalTo(3))
                .body("coaching.agentId", equalTo(List.of("agent-a", "agent-b")))
                .body("coaching[0].gap.words", equalTo("rated 90 by quality reviewers (n = 6), but only 25 % of "
                        + "customers felt valued (n = 40): coach on the customer's experience, not the checklist"))
                .body("coaching[1].gap.direction", equalTo("CUSTOMERS_ABOVE_CHECKLIST"))
                .body("coaching[1].gap.words", startsWith("90 % of customers felt valued (n = 40), but quality "
                        + "reviewers rate 60 (n = 6)"));
        String csv = given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST)).accept("text/csv")
                .queryParam("from", "2025-04-01").queryParam("to", "2025-05-01").queryParam("team", team)
                .when().get("/api/v1/scorecards/coaching").then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(csv, startsWith("rank,agentId,contactsHandled,feltValued,"));
        org.hamcrest.MatcherAssert.assertThat(csv, containsString("\r\n1,agent-a,40,0.25,"));
        coaching(TestTokens.managerOf(uniqueId("team"))).statusCode(403);
        given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST))
                .queryParams(Map.of("from", "2025-04-01", "to", "2025-05-01", "minAnswers", "0"))
                .when().get("/api/v1/scorecards/coaching").then().statusCode(400)
                .body("violations[0].field", equalTo("minAnswers"));
    }

    private io.restassured.response.ValidatableResponse scorecards(Map<String, String> extra) {
        return given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST))
                .config(io.restassured.RestAssured.config().jsonConfig(io.restassured.config.JsonConfig.jsonConfig()
                        .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE)))
                .queryParam("from", "2025-04-01").queryParam("to", "2025-05-01").queryParam("team", team)
                .queryParams(extra)
                .when().get("/api/v1/scorecards").then().statusCode(200);
    }

    private io.restassured.response.ValidatableResponse coaching(String token) {
        return given().auth().oauth2(token)
                .queryParam("from", "2025-04-01").queryParam("to", "2025-05-01").queryParam("team", team)
                .when().get("/api/v1/scorecards/coaching").then();
    }
}
