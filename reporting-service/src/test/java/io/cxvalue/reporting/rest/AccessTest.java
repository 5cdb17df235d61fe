package io.cxvalue.reporting.rest;

import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** Every reporting endpoint against every role, and a manager of another team. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class AccessTest {

    private static final String TEAM = "team-access";
    private static final Map<String, String> QUERY = Map.of("from", "2025-03-01", "to", "2025-03-08", "team", TEAM);

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/kpis", "/api/v1/kpis/contacts", "/api/v1/scorecards",
            "/api/v1/scorecards/coaching", "/api/v1/journeys", "/api/v1/session"})
    void answersOnlyTheRolesAndTeamsItShould(String path) {
        boolean teamScoped = !path.endsWith("/session");
        call(given(), path).statusCode(401);
        for (String role : new String[] {"agent", "ingest", "admin"}) {
            call(given().auth().oauth2(TestTokens.withRoles(role)), path).statusCode(403)
                    .contentType(containsString("application/problem+json"));
        }
        call(given().auth().oauth2(TestTokens.withRoles(Roles.ANALYST)), path).statusCode(200);
        call(given().auth().oauth2(TestTokens.managerOf(TEAM)), path).statusCode(200);
        call(given().auth().oauth2(TestTokens.managerOf(TEAM)).accept("text/csv"), path)
                .statusCode(teamScoped ? 200 : 406);
        call(given().auth().oauth2(TestTokens.managerOf("team-other")), path).statusCode(teamScoped ? 403 : 200);
        call(given().auth().oauth2(TestTokens.withRoles(Roles.MANAGER)), path).statusCode(teamScoped ? 403 : 200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/traffic", "/api/v1/traffic/spikes", "/api/v1/traffic/stream"})
    void trafficAnswersOnlyTheRolesAndTeamsItShould(String path) {
        call(given(), path).statusCode(401);
        for (String role : new String[] {"agent", "ingest", "admin"}) {
            call(given().auth().oauth2(TestTokens.withRoles(role)), path).statusCode(403)
                    .contentType(containsString("application/problem+json"));
        }
        call(given().auth().oauth2(TestTokens.managerOf("team-other")), path).statusCode(403)
                .contentType(containsString("application/problem+json"));
        call(given().auth().oauth2(TestTokens.withRoles(Roles.MANAGER)), path).statusCode(403);
        if (path.endsWith("/traffic")) {
            call(given().auth().oauth2(TestTokens.managerOf(TEAM)), path).statusCode(200);
        }
    }

    private static io.restassured.response.ValidatableResponse call(RequestSpecification request, String path) {
        return request.queryParams(QUERY).when().get(path).then();
    }
}
