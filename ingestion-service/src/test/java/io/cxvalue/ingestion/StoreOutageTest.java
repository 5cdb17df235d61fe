package io.cxvalue.ingestion;

import io.cxvalue.testsupport.MongoTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An unreachable store is a 503 with Retry-After, and a retry after it returns is safe. */
@QuarkusTest
class StoreOutageTest {

    @Test
    void anUnreachableStoreIsA503AndARetryAfterwardsStoresTheRecordOnce() {
        String customer = "c-" + UUID.randomUUID();
        String body = Interactions.voiceCall(Interactions.unique("outage"), customer);
        MongoTestResource.cutConnections();
        try {
            given().auth().oauth2(TestTokens.withRoles("ingest")).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/interactions")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("title", equalTo("Service Unavailable"));
            given().auth().oauth2(TestTokens.withRoles("ingest")).contentType(ContentType.JSON)
                    .body("[" + body + "]")
                    .when().post("/api/v1/interactions/batch")
                    .then().statusCode(503);
        } finally {
            MongoTestResource.restoreConnections();
        }
        given().auth().oauth2(TestTokens.withRoles("ingest")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/interactions")
                .then().statusCode(oneOf(200, 201));
        given().auth().oauth2(TestTokens.withRoles("ingest")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/interactions")
                .then().statusCode(200).body("status", equalTo("DUPLICATE"));
        assertEquals(1, InteractionResourceTest.recordsOf(customer, 1).size());
    }
}
