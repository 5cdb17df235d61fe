package io.cxvalue.experiment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

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

/** Designing, editing, starting and stopping test programs through the API, with the events they publish. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ExperimentResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static String create(Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.withRoles("analyst")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/experiments")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/experiments/exp-"))
                .body("state", equalTo("DRAFT"))
                .extract().path("id");
    }

    @Test
    void anAnalystDesignsADraftThatAManagerMayRead() {
        String id = create(ExperimentApi.definition("AHT target vs take time"));
        given().auth().oauth2(TestTokens.withRoles("manager"))
                .when().get("/api/v1/experiments/{id}", id)
                .then().statusCode(200)
                .body("name", equalTo("AHT target vs take time"))
                .body("state", equalTo("DRAFT"))
                .body("createdBy", notNullValue())
                .body("definition.variants.key", hasItems("aht-target", "take-time"))
                .body("definition.variants[1].instruction.handling", equalTo("TAKE_TIME"))
                .body("definition.metrics.kind", hasItems("REVENUE", "CSAT_TOP2", "FOLLOW_UP_CONTACTS"))
                .body("definition.eligibility.valueTiers", hasItems("GOLD", "SILVER"))
                .body("startedAt", nullValue());
        given().auth().oauth2(TestTokens.withRoles("manager"))
                .queryParam("state", "DRAFT")
                .when().get("/api/v1/experiments")
                .then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void onlyAnalystsDesign() {
        given().auth().oauth2(TestTokens.withRoles("manager")).contentType(ContentType.JSON)
                .body(ExperimentApi.definition("x")).when().post("/api/v1/experiments").then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("agent"))
                .when().get("/api/v1/experiments").then().statusCode(403);
        given().contentType(ContentType.JSON).body(ExperimentApi.definition("x"))
                .when().post("/api/v1/experiments").then().statusCode(401);
    }

    @Test
    void everyInvalidFieldIsNamed() {
        Map<String, Object> bad = new java.util.HashMap<>(ExperimentApi.definition(""));
        bad.put("variants", List.of(
                Map.of("key", "a", "weight", 0, "control", true, "instruction", Map.of("handling", "STANDARD",
                        "agentMessage", "x")),
                Map.of("key", "a", "weight", 1, "control", true, "instruction", Map.of("handling", "TAKE_TIME",
                        "agentMessage", ""))));
        bad.put("metrics", List.of(Map.of("kind", "REVENUE", "role", "SECONDARY")));
        bad.put("outcomeWindowDays", 0);
        given().auth().oauth2(TestTokens.withRoles("analyst")).contentType(ContentType.JSON).body(bad)
                .when().post("/api/v1/experiments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("name", "variants[0].weight", "variants[1].key",
                        "variants[1].instruction.agentMessage", "variants", "metrics", "outcomeWindowDays"));
    }

    @Test
    void aDraftChangesUntilItStartsAndTheStartAndStopArePublished() throws Exception {
        String id = create(ExperimentApi.definition("Before"));
        given().auth().oauth2(TestTokens.withRoles("analyst")).contentType(ContentType.JSON)
                .body(ExperimentApi.definition("After")).when().put("/api/v1/experiments/{id}", id)
                .then().statusCode(200).body("name", equalTo("After"));

        given().auth().oauth2(TestTokens.withRoles("analyst"))
                .when().post("/api/v1/experiments/{id}/start", id)
                .then().statusCode(200).body("state", equalTo("RUNNING")).body("startedAt", notNullValue());
        given().auth().oauth2(TestTokens.withRoles("analyst")).contentType(ContentType.JSON)
                .body(ExperimentApi.definition("Too late")).when().put("/api/v1/experiments/{id}", id)
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.withRoles("analyst"))
                .when().post("/api/v1/experiments/{id}/start", id)
                .then().statusCode(409);

        given().auth().oauth2(TestTokens.withRoles("analyst")).contentType(ContentType.JSON)
                .body(Map.of("reason", "enough data")).when().post("/api/v1/experiments/{id}/stop", id)
                .then().statusCode(200).body("state", equalTo("STOPPED")).body("stopReason", equalTo("enough data"));
        given().auth().oauth2(TestTokens.withRoles("analyst")).contentType(ContentType.JSON)
                .body(Map.of()).when().post("/api/v1/experiments/{id}/stop", id)
                .then().statusCode(409);

        List<ConsumerRecord<String, String>> records = KafkaTestClient.readUntil(Topics.EXPERIMENTS,
                Duration.ofSeconds(30), read -> read.stream().filter(r -> id.equals(r.key())).count() >= 2);
        List<ConsumerRecord<String, String>> mine = records.stream().filter(r -> id.equals(r.key())).toList();
        assertEquals(List.of(EventType.EXPERIMENT_STARTED.ceType(), EventType.EXPERIMENT_STOPPED.ceType()),
                mine.stream().map(r -> KafkaTestClient.header(r, CloudEventHeaders.TYPE)).toList());
        JsonNode started = JSON.readTree(mine.get(0).value());
        assertEquals("After", started.path("name").asText());
        assertEquals(2, started.path("variants").size());
        assertEquals("TAKE_TIME", started.path("variants").get(1).path("instruction").path("handling").asText());
        assertTrue(started.path("salt").asText().length() >= 16, started.toString());
        assertEquals(30, started.path("outcomeWindowDays").asInt());
        assertEquals("enough data", JSON.readTree(mine.get(1).value()).path("reason").asText());
    }

    @Test
    void unknownExperimentsAre404() {
        given().auth().oauth2(TestTokens.withRoles("analyst"))
                .when().post("/api/v1/experiments/{id}/start", "exp-nothere")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
