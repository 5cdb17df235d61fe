package io.cxvalue.experiment.exposure;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.experiments.VariantAssignment;
import io.cxvalue.experiment.ExperimentApi;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.KafkaTestResource;
import io.cxvalue.testsupport.PostgresTestResource;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Customers are exposed at their first eligible contact while an experiment runs, to the variant the shared hash
 * gives, and each first exposure is published once as VariantAssigned on cx.assignments.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ExposureTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonPath startExperiment(List<String> valueTiers) {
        Map<String, Object> definition = new HashMap<>(ExperimentApi.definition("Exposure test"));
        definition.put("eligibility", Map.of("channels", List.of("VOICE"), "contactReasons", List.of("billing"),
                "teams", List.of(), "valueTiers", valueTiers));
        String id = given().auth().oauth2(TestTokens.withRoles("analyst")).contentType(ContentType.JSON)
                .body(definition).when().post("/api/v1/experiments").then().statusCode(201).extract().path("id");
        return given().auth().oauth2(TestTokens.withRoles("analyst"))
                .when().post("/api/v1/experiments/{id}/start", id).then().statusCode(200).extract().jsonPath();
    }

    static InteractionRecorded contact(String customer, Channel channel, String reason, Instant at) {
        String interactionId = UUID.randomUUID().toString();
        return new InteractionRecorded(interactionId, "telephony", "call-" + interactionId, customer, channel,
                Direction.INBOUND, at, 10, 200, 0, 30, false, "agent-1", "team-a", "care", reason, 0, true, 0.2,
                null, null, null);
    }

    /** Waits until every event was applied and the expected assignments are out, then reads all of them. */
    static List<JsonNode> assignments(String experimentId, int expected, List<String> eventIds) throws Exception {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> eventIds.stream().allMatch(
                e -> io.cxvalue.experiment.TestDatabase.count(
                        "select count(*) from customer_event where event_key = cast(? as bigint)",
                        Long.toString(io.cxvalue.experiment.outcome.CustomerEvent.keyOf(e))) == 1));
        KafkaTestClient.readUntil(Topics.ASSIGNMENTS, Duration.ofSeconds(30),
                read -> read.stream().filter(r -> r.value().contains(experimentId)).count() >= expected);
        // A few seconds more, for any assignment published wrongly after the expected ones.
        List<ConsumerRecord<String, String>> records = KafkaTestClient.readFor(Topics.ASSIGNMENTS,
                Duration.ofSeconds(3));
        List<JsonNode> mine = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode json = JSON.readTree(r.value());
            if (experimentId.equals(json.path("experimentId").asText())) {
                mine.add(json);
            }
        }
        return mine;
    }

    @Test
    void eachEligibleCustomerIsExposedOnceToTheHashedVariant() throws Exception {
        JsonPath experiment = startExperiment(List.of());
        String id = experiment.getString("id");
        String salt = experiment.getString("salt");
        Instant now = Instant.now();
        String first = "cust-" + UUID.randomUUID();
        String second = "cust-" + UUID.randomUUID();
        String chatOnly = "cust-" + UUID.randomUUID();
        List<String> events = List.of(
                CloudEventRecords.publish(contact(first, Channel.VOICE, "billing", now)),
                CloudEventRecords.publish(contact(first, Channel.VOICE, "billing", now.plusSeconds(60))),
                CloudEventRecords.publish(contact(second, Channel.VOICE, "billing", now)),
                CloudEventRecords.publish(contact(chatOnly, Channel.CHAT, "billing", now)),
                CloudEventRecords.publish(contact(chatOnly, Channel.VOICE, "delivery", now)),
                // Before the start: never exposes.
                CloudEventRecords.publish(contact(second, Channel.VOICE, "billing", now.minusSeconds(86_400))));

        List<JsonNode> assigned = assignments(id, 2, events);
        assertEquals(2, assigned.size(), "one assignment per eligible customer: " + assigned);
        for (JsonNode a : assigned) {
            String customer = a.path("customerId").asText();
            assertTrue(customer.equals(first) || customer.equals(second), a.toString());
            int index = VariantAssignment.variantIndex(salt, customer, new int[] {1, 1});
            assertEquals(List.of("aht-target", "take-time").get(index), a.path("variant").asText());
        }
        JsonPath counts = given().auth().oauth2(TestTokens.withRoles("manager"))
                .when().get("/api/v1/experiments/{id}/exposures", id).then().statusCode(200).extract().jsonPath();
        assertEquals(2, counts.getInt("total"));
        Map<String, Object> perVariant = counts.getMap("variants");
        assertEquals(java.util.Set.of("aht-target", "take-time"), perVariant.keySet(), "every variant listed");
        for (JsonNode a : assigned) {
            assertTrue(counts.getInt("variants.'" + a.path("variant").asText() + "'.customers") >= 1,
                    perVariant.toString());
        }
    }

    @Test
    void aTierLimitedExperimentExposesOnlyCustomersScoredInTheTier() throws Exception {
        String id = startExperiment(List.of("GOLD")).getString("id");
        Instant now = Instant.now();
        String gold = "cust-" + UUID.randomUUID();
        String silver = "cust-" + UUID.randomUUID();
        String unscored = "cust-" + UUID.randomUUID();
        CloudEventRecords.publish(scored(gold, "GOLD", now.minusSeconds(60)));
        CloudEventRecords.publish(scored(silver, "SILVER", now.minusSeconds(60)));
        // The tier must be stored before the contact is observed: the topics are consumed independently.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> List.of(gold, silver).stream()
                .allMatch(c -> io.cxvalue.experiment.TestDatabase.count(
                        "select count(*) from customer_tier where customer_id = ?", c) == 1));
        List<String> events = List.of(gold, silver, unscored).stream()
                .map(customer -> CloudEventRecords.publish(contact(customer, Channel.VOICE, "billing", now)))
                .toList();
        List<JsonNode> assigned = assignments(id, 1, events);
        assertEquals(List.of(gold), assigned.stream().map(a -> a.path("customerId").asText()).toList());
    }

    /** Contacts reported under a variant tell whether agents followed the card: compliance per assigned variant. */
    @Test
    void complianceIsTheShareOfReportedContactsUnderTheAssignedVariant() throws Exception {
        JsonPath experiment = startExperiment(List.of());
        String id = experiment.getString("id");
        String customer = "cust-" + UUID.randomUUID();
        String assigned = List.of("aht-target", "take-time").get(
                VariantAssignment.variantIndex(experiment.getString("salt"), customer, new int[] {1, 1}));
        String other = assigned.equals("aht-target") ? "take-time" : "aht-target";
        Instant now = Instant.now();
        List<String> events = List.of(
                CloudEventRecords.publish(contact(customer, Channel.VOICE, "billing", now)),
                CloudEventRecords.publish(handledUnder(contact(customer, Channel.VOICE, "billing", now.plusSeconds(60)),
                        id, assigned)),
                CloudEventRecords.publish(handledUnder(contact(customer, Channel.VOICE, "billing", now.plusSeconds(120)),
                        id, other)));
        assignments(id, 1, events);
        JsonPath counts = given().auth().oauth2(TestTokens.withRoles("analyst"))
                .when().get("/api/v1/experiments/{id}/exposures", id).then().statusCode(200).extract().jsonPath();
        String at = "variants.'" + assigned + "'.";
        assertEquals(1, counts.getInt(at + "customers"));
        assertEquals(2, counts.getInt(at + "reportedContacts"));
        assertEquals(1, counts.getInt(at + "compliantContacts"));
        assertEquals(0.5, counts.getDouble(at + "complianceRate"), 1e-9);
        assertEquals(0, counts.getInt("variants.'" + other + "'.customers"));
    }

    static InteractionRecorded handledUnder(InteractionRecorded c, String experimentId, String variant) {
        return new InteractionRecorded(c.interactionId(), c.source(), c.externalId(), c.customerId(), c.channel(),
                c.direction(), c.startedAt(), c.queueSeconds(), c.talkSeconds(), c.holdSeconds(),
                c.afterWorkSeconds(), c.abandoned(), c.agentId(), c.teamId(), c.departmentId(), c.contactReason(),
                c.transfers(), c.resolved(), c.sentiment(), c.sale(), c.campaign(),
                new io.cxvalue.contracts.events.ExperimentVariant(experimentId, variant));
    }

    @Test
    void anErasedCustomersExposureStaysUnderAPseudonymAndTheirTierGoes() throws Exception {
        String id = startExperiment(List.of()).getString("id");
        String customer = "cust-" + UUID.randomUUID();
        CloudEventRecords.publish(scored(customer, "GOLD", Instant.now().minusSeconds(60)));
        String event = CloudEventRecords.publish(contact(customer, Channel.VOICE, "billing", Instant.now()));
        assertEquals(1, assignments(id, 1, List.of(event)).size());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                io.cxvalue.experiment.TestDatabase.count("select count(*) from customer_tier where customer_id = ?",
                        customer) == 1);

        String erasureId = "er-" + UUID.randomUUID();
        CloudEventRecords.publish(new io.cxvalue.contracts.events.ErasureRequested(erasureId, customer, Instant.now()));
        io.cxvalue.experiment.Erasures.awaitCompletions(erasureId, Duration.ofSeconds(30));

        assertEquals(0, io.cxvalue.experiment.TestDatabase.count(
                "select count(*) from exposure where customer_id = ?", customer));
        assertEquals(1, io.cxvalue.experiment.TestDatabase.count(
                "select count(*) from exposure where customer_id like 'erased:%' and experiment_id = ?", id),
                "the exposure stays in the experiment's statistics, under a pseudonym");
        assertEquals(0, io.cxvalue.experiment.TestDatabase.count(
                "select count(*) from customer_tier where customer_id = ?", customer));
    }

    static CustomerScored scored(String customer, String tier, Instant at) {
        return new CustomerScored(customer, "clv-test", new BigDecimal("120.00"), "EUR", 12, 2.0, 0.9,
                new BigDecimal("60.00"), tier, "LOW", 0.8, "INFERRED", at);
    }
}
