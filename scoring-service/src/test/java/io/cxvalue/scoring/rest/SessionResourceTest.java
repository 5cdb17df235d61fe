package io.cxvalue.scoring.rest;

import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** The session API: who the token says the caller is and which roles it carries; agents and analysts only. */
@QuarkusTest
class SessionResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PATH = "/api/v1/session";

    @Test
    void anAgentSeesItsNameAndRoles() {
        given().auth().oauth2(TestTokens.withRoles("agent")).when().get(PATH).then().statusCode(200)
                .contentType("application/json")
                .body("subject", equalTo("test-agent"))
                .body("roles", contains("agent"));
    }

    @Test
    void everyRoleOfTheTokenIsListedSorted() {
        given().auth().oauth2(TestTokens.withRoles("manager", "analyst", "agent")).when().get(PATH).then()
                .statusCode(200)
                .body("roles", contains("agent", "analyst", "manager"));
    }

    @Test
    void requiresAToken() {
        given().when().get(PATH).then().statusCode(401);
        given().auth().oauth2("not-a-token").when().get(PATH).then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "manager", "admin"})
    void otherRolesAreForbidden(String role) {
        given().auth().oauth2(TestTokens.withRoles(role)).when().get(PATH)
                .then().statusCode(403).contentType(PROBLEM_JSON);
    }
}
