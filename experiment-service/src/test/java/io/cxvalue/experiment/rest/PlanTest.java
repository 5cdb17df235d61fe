package io.cxvalue.experiment.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.experiment.ExperimentApi;
import io.cxvalue.experiment.TestDatabase;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.PostgresTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.awaitility.Awaitility;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The plan before the start, from history sent through the broker: the eligible customers of the cohort period, the
 * primary metric's mean and spread over their outcome windows, and the sample size by the textbook formula.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PlanTest {

    @Test
    void thePlanCountsTheEligibleAndSizesTheExperimentFromTheirSpread() {
        String reason = "plan-" + UUID.randomUUID();
        Map<String, Object> definition = new HashMap<>(ExperimentApi.definition("Plan test"));
        definition.put("eligibility", Map.of("channels", List.of("VOICE"), "contactReasons", List.of(reason),
                "teams", List.of(), "valueTiers", List.of()));
        definition.put("prePeriodDays", 0);
        String id = given().auth().oauth2(TestTokens.withRoles("analyst")).contentType(ContentType.JSON)
                .body(definition).when().post("/api/v1/experiments").then().statusCode(201).extract().path("id");

        // The cohort period is [now - 58 days, now - 30 days): 40 eligible customers there, each buying within 30
        // days of that contact; others are outside (too recent, a chat, another reason) and must not count.
        Instant now = Instant.now();
        Random random = new Random(5);
        List<Double> revenue = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String customer = "plan-" + UUID.randomUUID();
            Instant first = now.minus(35 + i % 20, ChronoUnit.DAYS);
            double amount = 20 + random.nextInt(60);
            revenue.add(amount);
            CloudEventRecords.publish(contact(customer, Channel.VOICE, reason, first));
            CloudEventRecords.publish(contact(customer, Channel.VOICE, reason, first.plusSeconds(3600)));
            CloudEventRecords.publish(purchase(customer, amount, first.plus(3, ChronoUnit.DAYS)));
            // after the window: not revenue of the plan's window
            CloudEventRecords.publish(purchase(customer, 500, first.plus(31, ChronoUnit.DAYS)));
        }
        CloudEventRecords.publish(contact("plan-recent", Channel.VOICE, reason, now.minus(5,
                ChronoUnit.DAYS)));
        CloudEventRecords.publish(contact("plan-chat", Channel.CHAT, reason, now.minus(40,
                ChronoUnit.DAYS)));
        CloudEventRecords.publish(contact("plan-other", Channel.VOICE, "other", now.minus(40,
                ChronoUnit.DAYS)));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> TestDatabase.count(
                "select count(*) from customer_event where contact_reason = ?", reason) == 40 * 2 + 2);

        JsonPath plan = new JsonPath(given().auth().oauth2(TestTokens.withRoles("manager"))
                .when().get("/api/v1/experiments/{id}/plan", id).then().statusCode(200).extract().asString())
                .using(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

        double mean = revenue.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance = revenue.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum() / (revenue.size() - 1);
        assertEquals(40, plan.getLong("eligibleCustomers"));
        assertEquals(40 / 28.0, plan.getDouble("eligibleCustomersPerDay"), 1e-12);
        assertEquals(40, plan.getInt("sampledCustomers"));
        assertEquals(mean, plan.getDouble("metricMean"), 1e-9);
        assertEquals(Math.sqrt(variance), plan.getDouble("metricStandardDeviation"), 1e-9);
        NormalDistribution normal = new NormalDistribution();
        double z = normal.inverseCumulativeProbability(0.975) + normal.inverseCumulativeProbability(0.8);
        // two equal arms of N/2: Var(diff) = sigma^2 (2/N + 2/N); MDE 2.0 from ExperimentApi
        double total = z * z * variance * 4 / (2.0 * 2.0);
        long perArm = (long) Math.ceil(0.5 * total - 1e-9);
        assertEquals(2 * perArm, plan.getLong("requiredCustomers"));
        assertEquals((long) Math.ceil(2 * perArm / (40 / 28.0) - 1e-9), plan.getLong("expectedDays"));
        assertTrue(plan.getString("summary").contains("customers"), plan.getString("summary"));

        JsonPath started = given().auth().oauth2(TestTokens.withRoles("analyst"))
                .when().post("/api/v1/experiments/{id}/start", id).then().statusCode(200).extract().jsonPath();
        assertEquals(2 * perArm, started.getLong("plannedCustomers"), "the start keeps the plan's sample size");
    }

    static InteractionRecorded contact(String customer, Channel channel, String reason, Instant at) {
        String interactionId = UUID.randomUUID().toString();
        return new InteractionRecorded(interactionId, "telephony", "call-" + interactionId, customer, channel,
                Direction.INBOUND, at, 10, 200, 0, 30, false, "agent-1", "team-a", "care", reason, 0, true, 0.2,
                null, null, null);
    }

    static TransactionRecorded purchase(String customer, double amount, Instant at) {
        String id = UUID.randomUUID().toString();
        return new TransactionRecorded(id, "shop", "t-" + id, customer, TransactionKind.PURCHASE,
                BigDecimal.valueOf(amount), "EUR", "p-1", at, null, null);
    }
}
