package io.cxvalue.ingestion;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.Topics;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Batches of every kind: JSON arrays and NDJSON, one outcome per record, duplicates reported, nothing lost. */
@QuarkusTest
class BatchTest {

    private static final String NDJSON = "application/x-ndjson";

    private static String call(String externalId, String customerId) {
        return Interactions.voiceCall(externalId, customerId).replace("\n", "");
    }

    private static ValidatableResponse post(String path, String contentType, String body) {
        return given().auth().oauth2(TestTokens.withRoles("ingest")).contentType(contentType)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post(path).then();
    }

    @Test
    void aJsonArrayGetsAnOutcomePerRecordAndPublishesEachAcceptedOneOnce() {
        String customer = "c-" + UUID.randomUUID();
        String first = Interactions.unique("b");
        String second = Interactions.unique("b");
        String third = Interactions.unique("b");
        String batch = "[" + String.join(",",
                call(first, customer),
                call(second, customer),
                call(Interactions.unique("b"), customer).replace("\"VOICE\"", "\"FAX\""),
                call(first, customer),
                call(third, customer).replace("\"sentiment\":-0.4", "\"sentiment\":-3"),
                call(third, customer)) + "]";

        ValidatableResponse response = post("/api/v1/interactions/batch", "application/json", batch)
                .statusCode(200)
                .body("received", equalTo(6))
                .body("accepted", equalTo(3))
                .body("duplicates", equalTo(1))
                .body("rejected", equalTo(2))
                .body("results.outcome", contains("ACCEPTED", "ACCEPTED", "REJECTED", "DUPLICATE", "REJECTED",
                        "ACCEPTED"))
                .body("results.index", contains(0, 1, 2, 3, 4, 5))
                .body("results[2].violations[0].field", equalTo("channel"))
                .body("results[2].id", nullValue())
                .body("results[4].violations.field", contains("sentiment"))
                .body("results[0].line", nullValue());
        String firstId = response.extract().path("results[0].id");
        response.body("results[3].id", equalTo(firstId));

        // The same batch again: every stored record is a duplicate with its stored id, nothing new is published.
        post("/api/v1/interactions/batch", "application/json", batch)
                .statusCode(200)
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(4))
                .body("results[0].id", equalTo(firstId));

        List<ConsumerRecord<String, String>> published = InteractionResourceTest.recordsOf(customer, 3);
        List<ConsumerRecord<String, String>> later = KafkaTestClient.readFor(Topics.INTERACTIONS,
                Duration.ofSeconds(3)).stream().filter(r -> customer.equals(r.key())).toList();
        assertEquals(3, later.size(), "three accepted records, each published once");
        assertEquals(3, published.stream().map(r -> KafkaTestClient.header(r, CloudEventHeaders.ID)).distinct()
                .count());
        given().auth().oauth2(TestTokens.withRoles("ingest")).when().get("/api/v1/interactions/" + firstId)
                .then().statusCode(200).body("externalId", equalTo(first));
    }

    @Test
    void ndjsonReportsLineNumbersAndNamesCustomersByIdentities() {
        String phone = "+44 7700 9" + String.format("%05d", (int) (Math.random() * 100_000));
        String byPhone = call(Interactions.unique("n"), "x").replace("\"customerId\":\"x\",",
                "\"customer\":{\"phone\":\"" + phone + "\"},");
        String body = byPhone + "\n"
                + "{\"source\":\"genesys\", this is not json\n"
                + "\n"
                + byPhone.replace("\"n-", "\"m-") + "\r\n"
                + call(Interactions.unique("n"), "y").replace("\"customerId\":\"y\",",
                "\"customer\":{\"phone\":\"not a phone\"},") + "\n";
        post("/api/v1/interactions/batch", NDJSON, body)
                .statusCode(200)
                .body("results.line", contains(1, 2, 4, 5))
                .body("results.outcome", contains("ACCEPTED", "REJECTED", "ACCEPTED", "REJECTED"))
                .body("results[1].violations[0].message", org.hamcrest.Matchers.startsWith("is not well-formed JSON"))
                .body("results[3].violations[0].field", equalTo("customer.phone"));
    }

    @Test
    void everyKindHasABatch() {
        String customer = "c-" + UUID.randomUUID();
        for (Records kind : Records.values()) {
            String one = kind.body(Interactions.unique("k"), customer).replace("\n", "");
            post(kind.path + "/batch", "application/json", "[" + one + "," + one + "]")
                    .statusCode(200)
                    .body("results.outcome", contains("ACCEPTED", "DUPLICATE"));
            post(kind.path + "/batch", NDJSON, kind.body(Interactions.unique("k"), customer).replace("\n", ""))
                    .statusCode(200)
                    .body("accepted", equalTo(1));
        }
        String externalId = "CRM-" + UUID.randomUUID();
        String profile = "{\"source\":\"crm\",\"externalId\":\"" + externalId + "\",\"displayName\":\"Kim\","
                + "\"identities\":{\"crmIds\":[\"" + externalId + "\"]}}";
        post("/api/v1/customers/batch", NDJSON, profile + "\n" + profile + "\n"
                + profile.replace("\"Kim\"", "\"Kim L\"") + "\n{\"source\":\"crm\"}")
                .statusCode(200)
                .body("results.outcome", contains("ACCEPTED", "DUPLICATE", "ACCEPTED", "REJECTED"))
                .body("results[0].id", notNullValue())
                .body("results[3].violations.field", hasItem("externalId"));
    }

    @Test
    void anElementThatCannotBeMappedIsSkippedToItsEndAndTheNextOneIsRead() {
        String customer = "c-" + UUID.randomUUID();
        String badNested = call(Interactions.unique("m"), customer)
                .replace("\"amount\":29.99", "\"amount\":\"lots\",\"extra\":{\"deep\":[1,{\"x\":2}]}");
        String good = call(Interactions.unique("m"), customer);
        post("/api/v1/interactions/batch", "application/json", "[" + badNested + "," + good + ",\"text\"]")
                .statusCode(200)
                .body("results.outcome", contains("REJECTED", "ACCEPTED", "REJECTED"))
                .body("results[0].violations[0].field", equalTo("sale.amount"))
                .body("results[2].violations[0].message", equalTo("must be an object"));
    }

    @Test
    void theBatchAsAWholeMustBeReadable() {
        post("/api/v1/interactions/batch", "application/json", "{\"source\":\"genesys\"}")
                .statusCode(400).contentType("application/problem+json");
        post("/api/v1/interactions/batch", "application/json", "[")
                .statusCode(400).contentType("application/problem+json");
        post("/api/v1/interactions/batch", "application/json", "[]")
                .statusCode(400).body("detail", equalTo("The batch holds no records"));
        post("/api/v1/interactions/batch", "text/plain", "[]").statusCode(415);
        String tooMany = IntStream.range(0, 1001).mapToObj(i -> "{}").collect(Collectors.joining(",", "[", "]"));
        post("/api/v1/interactions/batch", "application/json", tooMany)
                .statusCode(413).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("[]").when().post("/api/v1/interactions/batch")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("agent")).contentType(ContentType.JSON).body("[]")
                .when().post("/api/v1/interactions/batch").then().statusCode(403);
    }

    @Test
    void aBatchBodyMayBeLargerThanASingleRecordButNotUnbounded() {
        String customer = "c-" + UUID.randomUUID();
        // Over 1 MiB, the single-record limit; well within the batch limit.
        String large = IntStream.range(0, 1000)
                // Whitespace between fields is valid JSON and makes the body large without touching field limits.
                .mapToObj(i -> call(Interactions.unique("big"), customer).replace(",", "," + " ".repeat(20)))
                .collect(Collectors.joining(",", "[", "]"));
        org.junit.jupiter.api.Assertions.assertTrue(large.length() > 1024 * 1024, "" + large.length());
        post("/api/v1/interactions/batch", "application/json", large).statusCode(200).body("accepted", equalTo(1000));
        String huge = "[\"" + "x".repeat(17 * 1024 * 1024) + "\"]";
        post("/api/v1/interactions/batch", "application/json", huge)
                .statusCode(413).contentType("application/problem+json");
    }
}
