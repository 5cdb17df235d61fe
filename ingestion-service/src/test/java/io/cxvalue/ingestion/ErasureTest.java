package io.cxvalue.ingestion;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.contracts.events.Identity;
import io.cxvalue.ingestion.repository.CustomerRepository;
import io.cxvalue.ingestion.service.CustomerResolver;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ErasureTest {

    @Inject
    CustomerResolver resolver;

    @Inject
    CustomerRepository customers;

    private final IdentityNormalizer normalizer = new IdentityNormalizer("GB");

    @Test
    void erasureRemovesPersonalDataAsksEveryServiceAndCollectsTheirConfirmations() {
        Identity email = normalizer.email(UUID.randomUUID() + "@example.com");
        String customerId = resolver.resolve(new CustomerReference(null, List.of(email))).await().indefinitely()
                .customerId();

        var accepted = given().auth().oauth2(TestTokens.withRoles("admin"))
                .when().delete("/api/v1/customers/" + customerId)
                .then().statusCode(202)
                .body("customerId", equalTo(customerId))
                .body("confirmedBy", hasKey("ingestion-service"))
                .body("pending", containsInAnyOrder("scoring-service", "experiment-service", "reporting-service"))
                .body("complete", equalTo(false))
                .extract();
        String erasureId = accepted.path("erasureId");
        assertTrue(accepted.header("Location").endsWith("/api/v1/erasures/" + erasureId));

        assertTrue(customers.identitiesOf(customerId).await().indefinitely().isEmpty(), "identities are erased");
        String after = resolver.resolve(new CustomerReference(null, List.of(email))).await().indefinitely()
                .customerId();
        assertNotEquals(customerId, after, "the erased e-mail no longer leads to the customer");

        List<ConsumerRecord<String, String>> events = KafkaTestClient.readUntil(Topics.ERASURES,
                        Duration.ofSeconds(20), records -> records.stream().filter(r -> customerId.equals(r.key()))
                                .count() >= 2)
                .stream().filter(r -> customerId.equals(r.key())).toList();
        assertEquals(List.of(EventType.ERASURE_REQUESTED.ceType(), EventType.ERASURE_COMPLETED.ceType()),
                events.stream().map(r -> KafkaTestClient.header(r, CloudEventHeaders.TYPE)).toList());
        assertEquals(erasureId, EventJson.read(events.get(0).value(), ErasureRequested.class).erasureId());

        // The other services answer on cx.erasures; one of them twice (redelivery).
        for (String service : List.of("scoring-service", "experiment-service", "reporting-service")) {
            CloudEventRecords.publish(new ErasureCompleted(erasureId, customerId, service, Instant.now()));
        }
        CloudEventRecords.publish(new ErasureCompleted(erasureId, customerId, "scoring-service", Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.withRoles("admin"))
                .when().get("/api/v1/erasures/" + erasureId)
                .then().statusCode(200)
                .body("complete", equalTo(true))
                .body("pending", org.hamcrest.Matchers.empty()));
    }

    @Test
    void recordsNamingAnErasedCustomerAreRefusedAndNothingIsStored() {
        Identity email = normalizer.email(UUID.randomUUID() + "@example.com");
        String erased = resolver.resolve(new CustomerReference(null, List.of(email))).await().indefinitely()
                .customerId();
        String other = Interactions.unique("cust");
        // Seen alive first: the resolver's cache of live customers must not let records through after the erasure.
        given().auth().oauth2(TestTokens.withRoles("ingest")).contentType("application/json")
                .body(Interactions.voiceCall(Interactions.unique("call"), erased))
                .when().post("/api/v1/interactions").then().statusCode(201);
        given().auth().oauth2(TestTokens.withRoles("admin")).when().delete("/api/v1/customers/" + erased)
                .then().statusCode(202);

        given().auth().oauth2(TestTokens.withRoles("ingest")).contentType("application/json")
                .body(Interactions.voiceCall(Interactions.unique("call"), erased))
                .when().post("/api/v1/interactions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("customerId"));
        given().auth().oauth2(TestTokens.withRoles("ingest")).contentType("application/json")
                .body("[" + Records.TRANSACTION.body(Interactions.unique("tx"), erased) + ","
                        + Records.TRANSACTION.body(Interactions.unique("tx"), other) + "]")
                .when().post("/api/v1/transactions/batch")
                .then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected", equalTo(1))
                .body("results[0].outcome", equalTo("REJECTED"))
                .body("results[0].violations.field", contains("customerId"))
                .body("results[1].outcome", equalTo("ACCEPTED"));
        // A profile naming the erased customer links no identity to it.
        given().auth().oauth2(TestTokens.withRoles("ingest")).contentType("application/json")
                .body("""
                        {"source":"crm","externalId":"%s","customerId":"%s","displayName":"Back Again",
                         "identities":{"phones":["+44 7700 900555"]}}""".formatted(Interactions.unique("p"), erased))
                .when().post("/api/v1/customers")
                .then().statusCode(400)
                .body("violations.field", contains("customerId"));
        assertTrue(customers.identitiesOf(erased).await().indefinitely().isEmpty(), "no identity linked");
        assertEquals(0L, KafkaTestClient.readFor(Topics.TRANSACTIONS, Duration.ofSeconds(3)).stream()
                .filter(r -> erased.equals(r.key())).count(), "no transaction of the erased customer published");
    }

    @Test
    void parksAMalformedConfirmationAndCountsRepeats() {
        String key = "cust-" + UUID.randomUUID();
        KafkaTestClient.send(Topics.ERASURES, key, "{\"erasureId\": oops", java.util.Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, EventType.ERASURE_COMPLETED.ceType(),
                CloudEventHeaders.SOURCE, "/test",
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));
        List<ConsumerRecord<String, String>> parked = KafkaTestClient.readUntil(
                        Topics.deadLetter(Topics.ERASURES, "ingestion-service"), Duration.ofSeconds(20),
                        records -> records.stream().anyMatch(r -> key.equals(r.key())))
                .stream().filter(r -> key.equals(r.key())).toList();
        assertEquals(1, parked.size());
        assertTrue(KafkaTestClient.header(parked.get(0), "dead-letter-reason").contains("Payload is not JSON"),
                KafkaTestClient.header(parked.get(0), "dead-letter-reason"));
    }

    @Test
    void erasureRemovesTheFreeTextOfTheCustomersSurveyComments() {
        String customerId = "c-" + UUID.randomUUID();
        String secret = "call me on 07700 900" + (int) (Math.random() * 1000) + ", Ada";
        String responseId = given().auth().oauth2(TestTokens.withRoles("ingest")).contentType("application/json")
                .body(Records.SURVEY_RESPONSE.body(Interactions.unique("s"), customerId)
                        .replace("Quick and kind", secret))
                .when().post("/api/v1/survey-responses")
                .then().statusCode(201).extract().path("id");
        // Published (the record keeps the event it published, comment included) before the erasure.
        RecordResourceTest.recordsOf(Topics.FEEDBACK, customerId, 1);

        given().auth().oauth2(TestTokens.withRoles("admin")).when().delete("/api/v1/customers/" + customerId)
                .then().statusCode(202);

        given().auth().oauth2(TestTokens.withRoles("admin")).when().get("/api/v1/survey-responses/" + responseId)
                .then().statusCode(200)
                .body("csat", equalTo(4))
                .body("comment", org.hamcrest.Matchers.nullValue());
        org.bson.Document stored = mongo.getDatabase(database)
                .getCollection(io.cxvalue.ingestion.repository.MongoCollections.FEEDBACK)
                .find(new org.bson.Document("_id", responseId)).toUni().await().indefinitely();
        assertTrue(!stored.toJson().contains(secret), "no copy of the comment is left: " + stored.toJson());
    }

    @Inject
    io.quarkus.mongodb.reactive.ReactiveMongoClient mongo;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void onlyAdminsEraseAndUnknownIdsAreNotFound() {
        given().when().delete("/api/v1/customers/c-1").then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("ingest")).when().delete("/api/v1/customers/c-1")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("admin")).when().delete("/api/v1/customers/no-such-customer")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.withRoles("admin")).when().get("/api/v1/erasures/no-such-erasure")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
