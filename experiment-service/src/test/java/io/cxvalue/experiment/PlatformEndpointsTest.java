package io.cxvalue.experiment;

import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/** Health, metrics and the API description are served without a token. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PlatformEndpointsTest {

    @Test
    void readinessIsUpAndChecksTheDatabaseAndKafka() {
        given()
                .when().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        "Reactive PostgreSQL connections health check",
                        "Database connections health check",
                        "SmallRye Reactive Messaging - readiness check"))
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.interactions",
                        equalTo("[OK]"));
    }

    @Test
    void livenessIsUp() {
        given()
                .when().get("/q/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void metricsAreServedInPrometheusFormat() {
        given()
                .when().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("# TYPE"))
                .body(containsString("kafka_consumer_"));
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpointAndItsBearerSecurity() {
        given()
                .queryParam("format", "json")
                .when().get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/api/v1/experiments/{experimentId}/contacts'.get.responses.keySet()",
                        hasItems("200", "400", "401", "403", "404"))
                .body("paths.'/api/v1/experiments/{experimentId}/contacts'.get.responses.'404'.content."
                        + "'application/problem+json'.schema.$ref", equalTo("#/components/schemas/HttpProblem"))
                .body("paths.'/api/v1/experiments/{experimentId}/contacts'.get.security.bearer",
                        hasItem(hasItems("analyst", "manager")))
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.schemas.ExperimentContacts.properties.keySet()",
                        hasItems("experimentId", "total", "variants"));
    }

    @Test
    void swaggerUiIsServed() {
        given()
                .when().get("/q/swagger-ui/")
                .then()
                .statusCode(200);
    }
}
