package io.cxvalue.experiment.rest;

import io.cxvalue.experiment.ExperimentApi;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.PostgresTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.cxvalue.experiment.TestInteractions.handledUnder;
import static io.cxvalue.experiment.TestInteractions.uniqueId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ExperimentContactsResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    /** Authorization is decided before the resource runs, so these need no data. */
    private final String experimentId = uniqueId("exp");

    @Test
    void analystGetsTheContactsPerVariantSortedByName() {
        String experimentId = experimentWithThreeContactsUnderTwoVariants();

        String body = given()
                .auth().oauth2(TestTokens.withRoles("analyst"))
                .when().get("/api/v1/experiments/{id}/contacts", experimentId)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract().asString();

        String expected = "{\"experimentId\":\"" + experimentId + "\",\"total\":3,\"variants\":["
                + "{\"variant\":\"aht-target\",\"contacts\":1,\"customers\":1},"
                + "{\"variant\":\"unlimited-time\",\"contacts\":2,\"customers\":2}]}";
        assertEquals(expected, body);
    }

    @Test
    void managerMayReadTheContactsToo() {
        String experimentId = experimentWithThreeContactsUnderTwoVariants();

        given()
                .auth().oauth2(TestTokens.withRoles("manager"))
                .when().get("/api/v1/experiments/{id}/contacts", experimentId)
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("variants.variant", contains("aht-target", "unlimited-time"));
    }

    private static String experimentWithThreeContactsUnderTwoVariants() {
        String experimentId = uniqueId("exp");
        CloudEventRecords.publish(handledUnder(experimentId, "unlimited-time", uniqueId("cust")));
        CloudEventRecords.publish(handledUnder(experimentId, "unlimited-time", uniqueId("cust")));
        CloudEventRecords.publish(handledUnder(experimentId, "aht-target", uniqueId("cust")));
        await().atMost(Duration.ofSeconds(30)).until(() -> ExperimentApi.totalContacts(experimentId) == 3);
        return experimentId;
    }

    @Test
    void withoutATokenTheCallerIsUnauthenticated() {
        given()
                .when().get("/api/v1/experiments/{id}/contacts", experimentId)
                .then()
                .statusCode(401);
    }

    @Test
    void anInvalidTokenIsRejected() {
        given()
                .auth().oauth2("not-a-token")
                .when().get("/api/v1/experiments/{id}/contacts", experimentId)
                .then()
                .statusCode(401);
    }

    @Test
    void otherRolesAreForbidden() {
        for (String role : new String[] {"agent", "ingest", "admin"}) {
            given()
                    .auth().oauth2(TestTokens.withRoles(role))
                    .when().get("/api/v1/experiments/{id}/contacts", experimentId)
                    .then()
                    .statusCode(403)
                    .contentType(PROBLEM_JSON);
        }
    }

    @Test
    void anExperimentWithoutObservationsIsAProblemNamingIt() {
        String unknown = uniqueId("exp-unknown");
        given()
                .auth().oauth2(TestTokens.withRoles("analyst"))
                .when().get("/api/v1/experiments/{id}/contacts", unknown)
                .then()
                .statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(404))
                .body("title", equalTo("Experiment not found"))
                .body("detail", containsString("'" + unknown + "'"))
                .body("instance", equalTo("/api/v1/experiments/" + unknown + "/contacts"));
    }

    @Test
    void anIdWithForbiddenCharactersIsABadRequest() {
        given()
                .auth().oauth2(TestTokens.withRoles("analyst"))
                .when().get("/api/v1/experiments/{id}/contacts", "exp 1;drop")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("violations.field", hasItem("experimentId"))
                .body(not(containsString("io.cxvalue")))
                .body(not(containsString("Exception")));
    }

    @Test
    void anIdLongerThan128CharactersIsABadRequest() {
        given()
                .auth().oauth2(TestTokens.withRoles("analyst"))
                .when().get("/api/v1/experiments/{id}/contacts", "e".repeat(129))
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("experimentId"));

        given()
                .auth().oauth2(TestTokens.withRoles("analyst"))
                .when().get("/api/v1/experiments/{id}/contacts", "e".repeat(128))
                .then()
                .statusCode(404);
    }
}
