package io.cxvalue.reporting.rest;

import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.cxvalue.reporting.rest.Reports.TEAM_CONTACTS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class TeamContactsResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void refusesARequestWithoutToken() {
        given().when().get(TEAM_CONTACTS, "team-a")
                .then().statusCode(401)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(401));
    }

    @Test
    void refusesATokenThatDoesNotVerify() {
        given().auth().oauth2("not.a.jwt")
                .when().get(TEAM_CONTACTS, "team-a")
                .then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent", "ingest", "admin"})
    void refusesUsersWithoutAReportingRole(String role) {
        given().auth().oauth2(TestTokens.withRoles(role))
                .when().get(TEAM_CONTACTS, "team-a")
                .then().statusCode(403)
                .contentType(startsWith(PROBLEM_JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {Roles.MANAGER, Roles.ANALYST})
    void reportsZerosForATeamWithoutContacts(String role) {
        String quietTeam = uniqueId("quiet-team");
        given().auth().oauth2(TestTokens.withRoles(role))
                .when().get(TEAM_CONTACTS, quietTeam)
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("teamId", equalTo(quietTeam))
                .body("contacts", equalTo(0))
                .body("handled", equalTo(0))
                .body("abandoned", equalTo(0))
                .body("$", hasKey("averageHandleSeconds"))
                .body("averageHandleSeconds", nullValue());
    }

    @Test
    void rejectsATeamIdLongerThan128Characters() {
        given().auth().oauth2(TestTokens.withRoles(Roles.MANAGER))
                .when().get(TEAM_CONTACTS, "t".repeat(129))
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(400))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("teamId"))
                .body("violations[0].in", equalTo("path"));
    }

    @Test
    void acceptsATeamIdOf128Characters() {
        given().auth().oauth2(TestTokens.withRoles(Roles.MANAGER))
                .when().get(TEAM_CONTACTS, "t".repeat(128))
                .then().statusCode(200)
                .body("contacts", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"team a", "team$a", "-team", "team*a", "tëam"})
    void rejectsATeamIdWithCharactersOutsideTheIdAlphabet(String teamId) {
        given().auth().oauth2(TestTokens.withRoles(Roles.MANAGER))
                .when().get(TEAM_CONTACTS, teamId)
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("violations.field", hasItem("teamId"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"from", "to"})
    void rejectsAnUnparsableBoundNamingTheParameter(String parameter) {
        given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST))
                .queryParam(parameter, "yesterday")
                .when().get(TEAM_CONTACTS, "team-a")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo(parameter))
                .body("violations[0].in", equalTo("query"))
                .body(not(containsString("Exception")))
                .body(not(containsString("java.")));
    }

    @Test
    void rejectsADateWithoutTimeAndZone() {
        given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST))
                .queryParam("from", "2025-03-01")
                .when().get(TEAM_CONTACTS, "team-a")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("from"));
    }

    @Test
    void acceptsAnInstantWithAnOffset() {
        given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST))
                .queryParam("from", "2025-03-01T00:00:00+01:00")
                .queryParam("to", "2025-03-01T00:00:00Z")
                .when().get(TEAM_CONTACTS, uniqueId("team"))
                .then().statusCode(200)
                .body("contacts", equalTo(0));
    }

    @Test
    void rejectsAPeriodThatEndsBeforeItStarts() {
        given().auth().oauth2(TestTokens.withRoles(Roles.MANAGER))
                .queryParam("from", "2025-03-02T00:00:00Z")
                .queryParam("to", "2025-03-01T00:00:00Z")
                .when().get(TEAM_CONTACTS, "team-a")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(400))
                .body("detail", containsString("must not end before it starts"))
                .body("instance", equalTo("/api/v1/teams/team-a/contacts"))
                .body("violations[0].field", equalTo("from"));
    }

    @Test
    void acceptsAnEmptyPeriod() {
        given().auth().oauth2(TestTokens.withRoles(Roles.MANAGER))
                .queryParam("from", "2025-03-01T00:00:00Z")
                .queryParam("to", "2025-03-01T00:00:00Z")
                .when().get(TEAM_CONTACTS, "team-a")
                .then().statusCode(200)
                .body("contacts", equalTo(0));
    }

    @Test
    void answersAnUnknownReportWithANotFoundProblem() {
        given().auth().oauth2(TestTokens.withRoles(Roles.MANAGER))
                .when().get("/api/v1/teams/team-a/no-such-report")
                .then().statusCode(404)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }

    @Test
    void answersAnUnsupportedMethodWithAProblem() {
        given().auth().oauth2(TestTokens.withRoles(Roles.MANAGER))
                .when().delete(TEAM_CONTACTS, "team-a")
                .then().statusCode(405)
                .contentType(startsWith(PROBLEM_JSON));
    }
}
