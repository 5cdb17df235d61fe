package io.cxvalue.ingestion;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Health, metrics and the API description are served without a token; readiness checks MongoDB and Kafka. */
@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void readinessChecksMongoAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("MongoDB")))
                .body("checks.find { it.name.contains('Messaging') }.data.outbox", equalTo("[OK]"));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds"))
                .body(containsString("cx_outbox_published_total"));
    }

    @Test
    void openApiDescribesTheInteractionEndpoint() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/interactions"))
                .body("components.securitySchemes", org.hamcrest.Matchers.hasKey("bearer"));
    }
}
