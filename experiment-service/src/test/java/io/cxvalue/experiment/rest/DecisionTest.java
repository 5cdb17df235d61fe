package io.cxvalue.experiment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.experiment.ExperimentApi;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.PostgresTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An analyst decides: the decision is validated, recorded in the audit trail, moves the experiment to DECIDED
 * (stopping a running one) and is published for scoring-service to roll out.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class DecisionTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static String started() {
        String id = given().auth().oauth2(TestTokens.withRoles("analyst")).contentType(ContentType.JSON)
                .body(ExperimentApi.definition("Decide me")).when().post("/api/v1/experiments")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.withRoles("analyst")).when().post("/api/v1/experiments/{id}/start", id)
                .then().statusCode(200);
        return id;
    }

    static io.restassured.response.ValidatableResponse decide(String id, Object body, String role) {
        return given().auth().oauth2(TestTokens.withRoles(role)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/experiments/{id}/decision", id).then();
    }

    @Test
    void aRunningExperimentIsStoppedDecidedAndTheRolloutPublished() throws Exception {
        String id = started();
        decide(id, Map.of("variant", "take-time", "rollout", true, "valueTiers", List.of("GOLD", "SILVER", "GOLD"),
                "rationale", "Revenue up 4.10 EUR per customer for GOLD and SILVER"), "analyst")
                .statusCode(201)
                .body("variant", equalTo("take-time"))
                .body("valueTiers", equalTo(List.of("GOLD", "SILVER")))
                .body("decidedBy", equalTo("test-analyst"));
        given().auth().oauth2(TestTokens.withRoles("manager")).when().get("/api/v1/experiments/{id}", id)
                .then().statusCode(200).body("state", equalTo("DECIDED"));
        // decided again: extended to BRONZE; the trail keeps both
        decide(id, Map.of("variant", "take-time", "rollout", true, "valueTiers", List.of("BRONZE"),
                "rationale", "Follow-up: BRONZE too"), "analyst").statusCode(201);
        given().auth().oauth2(TestTokens.withRoles("manager")).when().get("/api/v1/experiments/{id}/decisions", id)
                .then().statusCode(200)
                .body("rationale", equalTo(List.of("Revenue up 4.10 EUR per customer for GOLD and SILVER",
                        "Follow-up: BRONZE too")))
                .body("valueTiers", equalTo(List.of(List.of("GOLD", "SILVER"), List.of("BRONZE"))));

        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(Topics.EXPERIMENTS,
                Duration.ofSeconds(30), read -> read.stream().filter(r -> id.equals(r.key())).count() >= 4);
        List<ConsumerRecord<String, String>> mine = records.stream().filter(r -> id.equals(r.key())).toList();
        assertEquals(List.of(EventType.EXPERIMENT_STARTED.ceType(), EventType.EXPERIMENT_STOPPED.ceType(),
                        EventType.EXPERIMENT_DECIDED.ceType(), EventType.EXPERIMENT_DECIDED.ceType()),
                mine.stream().map(r -> KafkaTestClient.header(r, CloudEventHeaders.TYPE)).toList());
        JsonNode decided = JSON.readTree(mine.get(2).value());
        assertEquals("TAKE_TIME", decided.path("instruction").path("handling").asText());
        assertEquals("Take the time this caller needs; no cross-sell.",
                decided.path("instruction").path("agentMessage").asText());
        assertEquals(2, decided.path("valueTiers").size());
        assertEquals(true, decided.path("rollout").asBoolean());
    }

    @Test
    void badDecisionsAreRefusedNamingTheField() {
        String id = started();
        decide(id, Map.of("variant", "no-such", "rollout", false, "rationale", "x"), "analyst")
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("variant"));
        decide(id, Map.of("variant", "take-time", "rollout", true, "valueTiers", List.of(), "rationale", "x"),
                "analyst").statusCode(400).body("violations.field", hasItem("valueTiers"));
        decide(id, Map.of("variant", "", "rollout", true, "valueTiers", List.of("no spaces"), "rationale", ""),
                "analyst").statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("variant", "rationale", "valueTiers[0].<list element>"));
        decide(id, Map.of("variant", "take-time", "rollout", false, "rationale", "x"), "manager").statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("manager")).when().get("/api/v1/experiments/{id}", id)
                .then().statusCode(200).body("state", equalTo("RUNNING"));
        given().auth().oauth2(TestTokens.withRoles("manager")).when().get("/api/v1/experiments/{id}/decisions", id)
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aDraftCannotBeDecidedAndAnUnknownExperimentIsNotFound() {
        String draft = given().auth().oauth2(TestTokens.withRoles("analyst")).contentType(ContentType.JSON)
                .body(ExperimentApi.definition("Draft")).when().post("/api/v1/experiments")
                .then().statusCode(201).extract().path("id");
        decide(draft, Map.of("variant", "take-time", "rollout", false, "rationale", "x"), "analyst")
                .statusCode(409).contentType("application/problem+json");
        decide("exp-unknown", Map.of("variant", "take-time", "rollout", false, "rationale", "x"), "analyst")
                .statusCode(404);
        given().auth().oauth2(TestTokens.withRoles("manager")).when().get("/api/v1/experiments/exp-unknown/decisions")
                .then().statusCode(404);
    }
}
