package io.cxvalue.scoring.rest;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static io.cxvalue.scoring.CustomerContactsApi.PATH;
import static io.cxvalue.scoring.CustomerContactsApi.awaitContacts;
import static io.cxvalue.scoring.Interactions.interaction;
import static io.cxvalue.scoring.Interactions.newCustomerId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class CustomerContactsResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String KNOWN_CUSTOMER = newCustomerId();
    private static boolean contactRecorded;

    // Not @BeforeAll: the HTTP port is known to the test client only once a test method runs.
    @BeforeEach
    void recordAContactOnce() {
        if (!contactRecorded) {
            CloudEventRecords.publish(interaction(KNOWN_CUSTOMER, Channel.VOICE, Instant.parse("2026-03-01T10:00:00Z")));
            awaitContacts(KNOWN_CUSTOMER, 1);
            contactRecorded = true;
        }
    }

    @Test
    void requiresAToken() {
        given().pathParam("customerId", KNOWN_CUSTOMER)
                .when().get(PATH)
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(401));
    }

    @Test
    void rejectsATokenWithAnInvalidSignature() {
        String token = TestTokens.withRoles("agent");
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(tampered).pathParam("customerId", KNOWN_CUSTOMER)
                .when().get(PATH)
                .then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "manager", "admin"})
    void forbidsRolesOtherThanAgentAndAnalyst(String role) {
        given().auth().oauth2(TestTokens.withRoles(role)).pathParam("customerId", KNOWN_CUSTOMER)
                .when().get(PATH)
                .then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(403));
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent", "analyst"})
    void servesTheSummaryToAgentsAndAnalysts(String role) {
        given().auth().oauth2(TestTokens.withRoles(role)).pathParam("customerId", KNOWN_CUSTOMER)
                .when().get(PATH)
                .then().statusCode(200)
                .contentType("application/json")
                .body("customerId", equalTo(KNOWN_CUSTOMER))
                .body("contacts", equalTo(1))
                .body("byChannel.VOICE", equalTo(1))
                .body("lastContactAt", equalTo("2026-03-01T10:00:00Z"));
    }

    @Test
    void anUnknownCustomerIsAProblemNamingTheCustomer() {
        String unknown = newCustomerId();
        given().auth().oauth2(TestTokens.withRoles("agent")).pathParam("customerId", unknown)
                .when().get(PATH)
                .then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(404))
                .body("title", equalTo("Customer not found"))
                .body("detail", containsString(unknown))
                .body("instance", equalTo("/api/v1/customers/" + unknown + "/contacts"));
    }

    @Test
    void aCustomerIdLongerThan128CharactersIsABadRequest() {
        given().auth().oauth2(TestTokens.withRoles("agent")).pathParam("customerId", "c".repeat(129))
                .when().get(PATH)
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("customerId"))
                .body("violations[0].in", equalTo("path"))
                .body("violations[0].message", startsWith("size must be between"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad id", "-starts-with-dash", "semi;colon", "quote\"d", "<script>"})
    void aCustomerIdWithCharactersOutsideTheAllowedSetIsABadRequest(String customerId) {
        given().auth().oauth2(TestTokens.withRoles("agent")).pathParam("customerId", customerId)
                .when().get(PATH)
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("customerId"))
                .body("violations[0].message", startsWith("must start with a letter or digit"))
                .body(not(containsString("Exception")))
                .body(not(containsString("io.cxvalue")));
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        given().auth().oauth2(TestTokens.withRoles("agent"))
                .when().get("/api/v1/customers")
                .then().statusCode(404)
                .contentType(PROBLEM_JSON);
    }
}
