package io.cxvalue.scoring;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

/** Health, metrics and the API description are served without a token; readiness checks PostgreSQL and Kafka. */
@QuarkusTest
class PlatformEndpointsTest {

    private static final String CONTACTS_PATH = "paths.'/api/v1/customers/{customerId}/contacts'";

    @Test
    void readinessChecksBothPostgresPoolsAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.status", org.hamcrest.Matchers.everyItem(equalTo("UP")))
                // The caller card's own pool (CallerCardRepository) is checked next to the shared one.
                .body("checks.find { it.name.contains('PostgreSQL') }.data.card", equalTo("UP"));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("cx_consumer_events_total{"))
                .body(containsString("cx_consumer_failed_attempts_total{"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDescribesTheContactsEndpointAndItsBearerSecurity() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/customers/{customerId}/contacts"))
                .body(CONTACTS_PATH + ".get.responses", hasKey("200"))
                .body(CONTACTS_PATH + ".get.responses", hasKey("400"))
                .body(CONTACTS_PATH + ".get.responses", hasKey("401"))
                .body(CONTACTS_PATH + ".get.responses", hasKey("403"))
                .body(CONTACTS_PATH + ".get.responses", hasKey("404"))
                .body(CONTACTS_PATH + ".get.responses.'400'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/HttpValidationProblem"))
                .body(CONTACTS_PATH + ".get.responses.'404'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/HttpProblem"))
                .body(CONTACTS_PATH + ".get.security[0]", hasKey("bearer"))
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
    }

    @Test
    void openApiDescribesTheStateEndpoint() {
        String state = "paths.'/api/v1/customers/{customerId}/state'";
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body(state + ".get.responses", hasKey("200"))
                .body(state + ".get.responses", hasKey("400"))
                .body(state + ".get.responses", hasKey("401"))
                .body(state + ".get.responses", hasKey("403"))
                .body(state + ".get.responses", hasKey("404"))
                .body(state + ".get.security[0]", hasKey("bearer"));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/index.html").then().statusCode(200);
    }
}
