package io.cxvalue.reporting;

import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.cxvalue.reporting.InteractionEvents.handled;
import static io.cxvalue.reporting.InteractionEvents.uniqueId;
import static io.cxvalue.reporting.rest.Reports.contactCount;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/** Health, metrics and the API description: served without a token. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class OperationsEndpointsTest {

    private static final String MONGO_CHECK = "MongoDB connection health check";
    private static final String MESSAGING_CHECK = "SmallRye Reactive Messaging - readiness check";
    private static final String INDEXES_CHECK = "MongoDB report indexes";

    @Test
    void isReadyWithStoreKafkaAndIndexesChecked() {
        // The consumer joins its group asynchronously after startup; readiness follows.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(MONGO_CHECK, MESSAGING_CHECK, INDEXES_CHECK))
                .body("checks.find { it.name == '" + MONGO_CHECK + "' }.status", equalTo("UP"))
                .body("checks.find { it.name == '" + MESSAGING_CHECK + "' }.status", equalTo("UP"))
                .body("checks.find { it.name == '" + MESSAGING_CHECK + "' }.data", hasKey("kpi-events"))
                .body("checks.find { it.name == '" + MESSAGING_CHECK + "' }.data", hasKey("erasures"))
                .body("checks.find { it.name == '" + MESSAGING_CHECK + "' }.data", hasKey("outbox"))
                .body("checks.find { it.name == '" + INDEXES_CHECK + "' }.status", equalTo("UP")));
    }

    @Test
    void isLive() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void servesPrometheusMetricsIncludingAppliedInteractions() {
        String team = uniqueId("team");
        CloudEventRecords.publish(handled(team, uniqueId("cust"), Instant.parse("2025-03-03T11:00:00Z"), 30, 0, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> contactCount(team) == 1);

        // The classic Prometheus text format, as a scraper asks for it.
        given().accept("text/plain")
                .when().get("/q/metrics")
                .then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"))
                .body(matchesPattern("(?s).*cx_consumer_events_total\\{(?=[^}]*service=\"reporting-service\")"
                        + "(?=[^}]*outcome=\"applied\")[^}]*} [1-9].*"));
    }

    @Test
    void describesTheKpiEndpointInOpenApi() {
        String path = "paths.'/api/v1/kpis'.get";
        given().accept("application/json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .body(path, notNullValue())
                .body(path + ".responses", hasKey("200"))
                .body(path + ".responses", hasKey("400"))
                .body(path + ".responses", hasKey("401"))
                .body(path + ".responses", hasKey("403"))
                .body(path + ".responses.'400'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/HttpValidationProblem"))
                .body(path + ".parameters.name", hasItems("from", "to", "granularity", "zone", "groupBy", "team",
                        "agent", "channel", "reason", "department", "campaign", "measures", "page", "size"))
                .body(path + ".parameters.find { it.name == 'from' }.example", equalTo("2026-03-01"))
                .body(path + ".security[0]", hasKey("bearer"))
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.schemas.KpiResponse.properties", hasKey("freshness"))
                .body("components.schemas.Figure.properties", hasKey("base"));
    }

    @Test
    void servesSwaggerUi() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .body(containsString("swagger"));
    }
}
