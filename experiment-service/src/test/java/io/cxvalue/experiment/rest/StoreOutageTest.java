package io.cxvalue.experiment.rest;

import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.PostgresTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/**
 * An unreachable database is a 503 with Retry-After and a problem document, within seconds, never a 500 or a hang;
 * the answers come back when it does.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class StoreOutageTest {

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfter() {
        experiments().statusCode(200);
        PostgresTestResource.cutConnections();
        try {
            experiments().statusCode(503)
                    .time(lessThan(15L), TimeUnit.SECONDS)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("status", equalTo(503))
                    .body("title", equalTo("Service Unavailable"));
        } finally {
            PostgresTestResource.restoreConnections();
        }
        experiments().statusCode(200);
    }

    private static ValidatableResponse experiments() {
        return given().auth().oauth2(TestTokens.withRoles("analyst")).when().get("/api/v1/experiments").then();
    }
}
