package io.cxvalue.scoring.rest;

import io.cxvalue.testsupport.PostgresTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.oneOf;

/**
 * An unreachable database is a 503 with Retry-After and a problem document, within seconds, never a 500 or a hang;
 * the answers come back when it does. Both of scoring's paths to PostgreSQL: the caller card's own pool (the Vert.x
 * client) and Hibernate Reactive's.
 */
@QuarkusTest
class StoreOutageTest {

    private static final String CARD = "/api/v1/callers/c-outage-probe";
    private static final String ACTIVE_MODEL = "/api/v1/clv/models/active";

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfter() {
        get(CARD, "agent").statusCode(oneOf(200, 404));
        get(ACTIVE_MODEL, "analyst").statusCode(oneOf(200, 404));
        PostgresTestResource.cutConnections();
        try {
            for (String[] request : new String[][] {{CARD, "agent"}, {ACTIVE_MODEL, "analyst"}}) {
                get(request[0], request[1]).statusCode(503)
                        .time(lessThan(15L), TimeUnit.SECONDS)
                        .contentType("application/problem+json")
                        .header("Retry-After", "5")
                        .body("status", equalTo(503))
                        .body("title", equalTo("Service Unavailable"));
            }
        } finally {
            PostgresTestResource.restoreConnections();
        }
        get(CARD, "agent").statusCode(oneOf(200, 404));
        get(ACTIVE_MODEL, "analyst").statusCode(oneOf(200, 404));
    }

    private static ValidatableResponse get(String path, String role) {
        return given().auth().oauth2(TestTokens.withRoles(role)).when().get(path).then();
    }
}
