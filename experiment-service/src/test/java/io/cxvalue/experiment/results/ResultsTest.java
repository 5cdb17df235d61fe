package io.cxvalue.experiment.results;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.ExperimentVariant;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.contracts.experiments.VariantAssignment;
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
import org.hipparchus.distribution.continuous.TDistribution;
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
 * Results through the API, from events on the real broker into the real database, against the same figures computed
 * here independently from the events the test sent: per-variant means, the Welch interval, the CUPED estimate, the
 * CSAT ratio, handle time and agent cost; a redelivered event changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ResultsTest {

    static final int CUSTOMERS = 80;
    static final double COST_PER_MINUTE = 0.9;
    static final double COST_PER_CONTACT = 0.5;

    record Sent(String customer, int variant, double revenue, double priorSpend, int csat, int handleSeconds) {
    }

    @Test
    void resultsMatchAnIndependentComputationFromTheEvents() {
        Map<String, Object> definition = new HashMap<>(ExperimentApi.definition("Results test"));
        definition.put("eligibility", Map.of("channels", List.of("VOICE"), "contactReasons", List.of("billing"),
                "teams", List.of(), "valueTiers", List.of()));
        String id = given().auth().oauth2(TestTokens.withRoles("analyst")).contentType(ContentType.JSON)
                .body(definition).when().post("/api/v1/experiments").then().statusCode(201).extract().path("id");
        JsonPath started = given().auth().oauth2(TestTokens.withRoles("analyst"))
                .when().post("/api/v1/experiments/{id}/start", id).then().statusCode(200).extract().jsonPath();
        String salt = started.getString("salt");

        // after the start (its time has milliseconds: truncating could put the contacts before it)
        Instant now = Instant.now();
        Random random = new Random(42);
        List<Sent> sent = new ArrayList<>();
        long[][] reportedCompliant = new long[2][2];
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String customer = "res-" + UUID.randomUUID();
            customers.add(customer);
            CloudEventRecords.publish(score(customer, i % 2 == 0 ? "GOLD" : "SILVER", 100 + i, now.minus(5, ChronoUnit.DAYS)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> customers.stream().allMatch(c ->
                TestDatabase.count("select count(*) from customer_tier where customer_id = ?", c) == 1));
        List<String> purchaseIds = new ArrayList<>();
        List<TransactionRecorded> purchases = new ArrayList<>();
        for (String customer : customers) {
            int variant = VariantAssignment.variantIndex(salt, customer, new int[] {1, 1});
            double prior = 10 + random.nextInt(40);
            // revenue follows prior spend (CUPED has something to remove) plus 8 for take-time
            double revenue = Math.round(prior * 1.5 + random.nextGaussian() * 6 + (variant == 1 ? 8 : 0)) + 20;
            int csat = random.nextDouble() < (variant == 1 ? 0.8 : 0.5) ? 5 : 3;
            int talk = variant == 1 ? 420 : 240;
            sent.add(new Sent(customer, variant, revenue, prior, csat, talk + 30));
            CloudEventRecords.publish(transaction(customer, prior, now.minus(10, ChronoUnit.DAYS)));
            // the agent follows the card's instruction, except for every fifth caller
            boolean compliant = sent.size() % 5 != 0;
            String reported = compliant == (variant == 1) ? "take-time" : "aht-target";
            reportedCompliant[variant][0]++;
            reportedCompliant[variant][1] += compliant ? 1 : 0;
            CloudEventRecords.publish(contact(customer, talk, now, new ExperimentVariant(id, reported)));
            CloudEventRecords.publish(new SurveyResponded(UUID.randomUUID().toString(), "survey", "s-" + customer,
                    customer, null, now.plus(1, ChronoUnit.HOURS), csat, null, null, null, null));
            TransactionRecorded purchase = transaction(customer, revenue, now.plus(1, ChronoUnit.DAYS));
            String eventId = CloudEventRecords.publish(purchase);
            purchases.add(purchase);
            purchaseIds.add(eventId);
        }

        Expected expected = new Expected(sent);
        JsonPath results = awaitResults(id, expected);

        assertFalse(results.getBoolean("sampleRatio.mismatch"));
        assertEquals(CUSTOMERS, results.getLong("exposedCustomers"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> results(id)
                .getLong("variants[1].reportedContacts") == reportedCompliant[1][0]
                && results(id).getLong("variants[0].reportedContacts") == reportedCompliant[0][0]);
        JsonPath withCompliance = results(id);
        for (int v = 0; v < 2; v++) {
            assertEquals(reportedCompliant[v][1], withCompliance.getLong("variants[" + v + "].compliantContacts"));
            assertEquals((double) reportedCompliant[v][1] / reportedCompliant[v][0],
                    withCompliance.getDouble("variants[" + v + "].complianceRate"), 1e-12);
        }
        Map<String, Object> revenue = metric(results, "REVENUE");
        Map<String, Object> effect = first(revenue, "effects");
        assertEquals(expected.welch[0], number(effect, "difference.estimate"), 1e-9);
        assertEquals(expected.welch[1], number(effect, "difference.lower"), 1e-7);
        assertEquals(expected.welch[2], number(effect, "difference.upper"), 1e-7);
        assertEquals(expected.cuped, number(effect, "cuped.estimate"), 1e-7);
        assertTrue(number(effect, "cupedVarianceReduction") > 0.3, effect.toString());
        // the always-valid sequence is around the CUPED estimate, wider than its fixed-horizon interval
        assertTrue(number(effect, "alwaysValid.lower") < number(effect, "cuped.lower"), "wider than fixed");
        assertTrue(number(effect, "alwaysValid.upper") > number(effect, "cuped.upper"), "wider than fixed");
        Map<String, Object> csat = metric(results, "CSAT_TOP2");
        assertEquals(expected.csatShare[0], number(first(csat, "variants"), "value"), 1e-12);
        JsonPath roi = results.setRootPath("roi[0]");
        double costDifference = (expected.meanHandle[1] - expected.meanHandle[0]) / 60 * COST_PER_MINUTE;
        assertEquals(costDifference, roi.getDouble("agentCostPerCustomer.estimate"), 1e-6);
        results.setRootPath("");
        assertNotNull(results.getString("verdict"));
        assertTrue(results.getString("verdict").contains("take-time"), results.getString("verdict"));

        // Redelivering the purchases (same event ids) changes nothing.
        for (int i = 0; i < purchases.size(); i++) {
            CloudEventRecords.publish(purchases.get(i), purchaseIds.get(i));
        }
        Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        JsonPath again = results(id);
        assertEquals(expected.welch[0], number(first(metric(again, "REVENUE"), "effects"), "difference.estimate"),
                1e-9);
        assertEquals(CUSTOMERS, again.getLong("exposedCustomers"));
    }

    /** The figures computed here from what was sent, by the textbook formulas. */
    static final class Expected {
        final double[] welch;
        final double cuped;
        final double[] csatShare = new double[2];
        final double[] meanHandle = new double[2];
        final double[] meanRevenue = new double[2];

        Expected(List<Sent> sent) {
            double[] n = new double[2];
            double[] meanX = new double[2];
            for (Sent s : sent) {
                n[s.variant()]++;
                meanRevenue[s.variant()] += s.revenue();
                meanX[s.variant()] += s.priorSpend();
                csatShare[s.variant()] += s.csat() >= 4 ? 1 : 0;
                meanHandle[s.variant()] += s.handleSeconds();
            }
            for (int v = 0; v < 2; v++) {
                meanRevenue[v] /= n[v];
                meanX[v] /= n[v];
                csatShare[v] /= n[v];
                meanHandle[v] /= n[v];
            }
            double[] ssy = new double[2];
            double[] sxx = new double[2];
            double[] sxy = new double[2];
            for (Sent s : sent) {
                int v = s.variant();
                double dy = s.revenue() - meanRevenue[v];
                double dx = s.priorSpend() - meanX[v];
                ssy[v] += dy * dy;
                sxx[v] += dx * dx;
                sxy[v] += dx * dy;
            }
            double vc = ssy[0] / (n[0] - 1) / n[0];
            double vt = ssy[1] / (n[1] - 1) / n[1];
            double difference = meanRevenue[1] - meanRevenue[0];
            double se = Math.sqrt(vc + vt);
            double df = Math.pow(vc + vt, 2) / (vc * vc / (n[0] - 1) + vt * vt / (n[1] - 1));
            double t = new TDistribution(df).inverseCumulativeProbability(0.975);
            welch = new double[] {difference, difference - t * se, difference + t * se};
            double theta = (sxy[0] + sxy[1]) / (sxx[0] + sxx[1]);
            cuped = difference - theta * (meanX[1] - meanX[0]);
        }
    }

    static JsonPath awaitResults(String id, Expected expected) {
        JsonPath[] last = new JsonPath[1];
        try {
            awaitUntilMeasured(id, expected, last);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("results never matched the events; the last: "
                    + (last[0] == null ? null : last[0].prettify()), e);
        }
        return last[0];
    }

    static void awaitUntilMeasured(String id, Expected expected, JsonPath[] last) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = results(id);
            if (last[0].getLong("exposedCustomers") != CUSTOMERS) {
                return false;
            }
            Map<String, Object> control = first(metric(last[0], "REVENUE"), "variants");
            Object value = control.get("value");
            return value != null && Math.abs(((Number) value).doubleValue() - expected.meanRevenue[0]) < 1e-9;
        });
    }

    /** The results with every number read as a double (JsonPath reads floats by default). */
    static JsonPath results(String id) {
        String body = given().auth().oauth2(TestTokens.withRoles("manager"))
                .when().get("/api/v1/experiments/{id}/results", id).then().statusCode(200).extract().asString();
        return new JsonPath(body).using(JsonPathConfig.jsonPathConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metric(JsonPath results, String kind) {
        List<Map<String, Object>> metrics = results.getList("metrics");
        return metrics.stream().filter(m -> kind.equals(m.get("metric"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> first(Map<String, Object> metric, String list) {
        return ((List<Map<String, Object>>) metric.get(list)).get(0);
    }

    @SuppressWarnings("unchecked")
    static double number(Map<String, Object> map, String path) {
        Object at = map;
        for (String part : path.split("\\.")) {
            at = ((Map<String, Object>) at).get(part);
        }
        return ((Number) at).doubleValue();
    }

    static InteractionRecorded contact(String customer, int talkSeconds, Instant at, ExperimentVariant reported) {
        String interactionId = UUID.randomUUID().toString();
        return new InteractionRecorded(interactionId, "telephony", "call-" + interactionId, customer, Channel.VOICE,
                Direction.INBOUND, at, 10, talkSeconds, 0, 30, false, "agent-1", "team-a", "care", "billing", 0, true,
                0.2, null, null, reported);
    }

    static TransactionRecorded transaction(String customer, double amount, Instant at) {
        String id = UUID.randomUUID().toString();
        return new TransactionRecorded(id, "shop", "t-" + id, customer, TransactionKind.PURCHASE,
                BigDecimal.valueOf(amount), "EUR", "p-1", at, null, null);
    }

    static CustomerScored score(String customer, String tier, double clv, Instant at) {
        return new CustomerScored(customer, "clv-test", BigDecimal.valueOf(clv), "EUR", 12, 2.0, 0.9,
                new BigDecimal("60.00"), tier, "LOW", 0.8, "INFERRED", at);
    }
}
