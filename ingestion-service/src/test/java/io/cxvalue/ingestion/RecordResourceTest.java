package io.cxvalue.ingestion;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.events.CommentTerm;
import io.cxvalue.contracts.events.QualityEvaluated;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Survey responses, quality evaluations and transactions: accepted, stored and published like interactions. */
@QuarkusTest
class RecordResourceTest {

    private static String ingestToken() {
        return TestTokens.withRoles("ingest");
    }

    @ParameterizedTest
    @EnumSource(Records.class)
    void rejectsCallsWithoutTokenOrWithTheWrongRole(Records kind) {
        String body = kind.body(Interactions.unique("auth"), "c-auth");
        given().contentType(ContentType.JSON).body(body)
                .when().post(kind.path)
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("agent")).contentType(ContentType.JSON).body(body)
                .when().post(kind.path)
                .then().statusCode(403);
        given().when().get(kind.path + "/some-id")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("manager"))
                .when().get(kind.path + "/some-id")
                .then().statusCode(403);
    }

    @ParameterizedTest
    @EnumSource(Records.class)
    void storesOncePublishesWithCloudEventHeadersAndReadsBack(Records kind) {
        String externalId = Interactions.unique("ext");
        String customerId = Interactions.unique("c");
        String body = kind.body(externalId, customerId);

        var created = given().auth().oauth2(ingestToken()).contentType(ContentType.JSON).body(body)
                .when().post(kind.path)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("status", equalTo("ACCEPTED"))
                .body("id", notNullValue())
                .extract();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith(kind.path + "/" + id), created.header("Location"));

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(ingestToken()).contentType(ContentType.JSON).body(body)
                    .when().post(kind.path)
                    .then().statusCode(200)
                    .body("status", equalTo("DUPLICATE"))
                    .body("id", equalTo(id));
        }
        // A later record of the same customer proves the relay ran after the repeats.
        given().auth().oauth2(ingestToken()).contentType(ContentType.JSON)
                .body(kind.body(Interactions.unique("ext"), customerId))
                .when().post(kind.path)
                .then().statusCode(201);

        given().auth().oauth2(TestTokens.withRoles("admin"))
                .when().get(kind.path + "/" + id)
                .then().statusCode(200)
                .body("externalId", equalTo(externalId))
                .body("customerId", equalTo(customerId))
                .body("receivedAt", notNullValue());

        List<ConsumerRecord<String, String>> records = recordsOf(kind.topic, customerId, 2);
        assertEquals(2, records.size(), "each record published once, the duplicates not at all");
        ConsumerRecord<String, String> record = records.get(0);
        assertEquals(customerId, record.key(), "keyed by customer id");
        EventType type = EventType.ofCeType(KafkaTestClient.header(record, CloudEventHeaders.TYPE)).orElseThrow();
        assertEquals(kind.topic, type.topic());
        assertEquals("1.0", KafkaTestClient.header(record, CloudEventHeaders.SPEC_VERSION));
        assertEquals("/ingestion-service", KafkaTestClient.header(record, CloudEventHeaders.SOURCE));
        assertEquals(customerId, KafkaTestClient.header(record, CloudEventHeaders.SUBJECT));
        assertEquals("application/json", KafkaTestClient.header(record, CloudEventHeaders.CONTENT_TYPE));
        assertNotNull(KafkaTestClient.header(record, CloudEventHeaders.ID));
        assertNotNull(KafkaTestClient.header(record, CloudEventHeaders.TIME));
        assertPayload(kind, id, externalId, record.value());
    }

    private static void assertPayload(Records kind, String id, String externalId, String json) {
        switch (kind) {
            case SURVEY_RESPONSE -> {
                SurveyResponded event = EventJson.read(json, SurveyResponded.class);
                assertEquals(id, event.responseId());
                assertEquals(externalId, event.externalId());
                assertEquals(4, event.csat());
                assertEquals(9, event.nps());
                // The comment's text stays here; its terms travel.
                assertNull(event.comment(), json);
                assertFalse(json.contains("Quick"), json);
                assertEquals(List.of(new CommentTerm("quick", "quick"), new CommentTerm("kind", "kind")),
                        event.commentTerms());
            }
            case QUALITY_EVALUATION -> {
                QualityEvaluated event = EventJson.read(json, QualityEvaluated.class);
                assertEquals(id, event.evaluationId());
                assertEquals(87.5, event.score());
                assertEquals(Map.of("greeting", 100.0, "empathy", 75.5, "resolution.steps", 80.0), event.criteria());
            }
            case TRANSACTION -> {
                TransactionRecorded event = EventJson.read(json, TransactionRecorded.class);
                assertEquals(id, event.transactionId());
                assertEquals(TransactionKind.PURCHASE, event.kind());
                assertEquals(0, new BigDecimal("129.90").compareTo(event.amount()));
                assertEquals("EUR", event.currency());
            }
        }
    }

    @Test
    void readsBackTheStoredFieldsOfEachKind() {
        String id = submit(Records.QUALITY_EVALUATION);
        given().auth().oauth2(ingestToken())
                .when().get(Records.QUALITY_EVALUATION.path + "/" + id)
                .then().statusCode(200)
                .body("evaluationId", equalTo(id))
                .body("score", equalTo(87.5f))
                .body("criteria.empathy", equalTo(75.5f));
        id = submit(Records.TRANSACTION);
        given().auth().oauth2(ingestToken())
                .when().get(Records.TRANSACTION.path + "/" + id)
                .then().statusCode(200)
                .body("transactionId", equalTo(id))
                .body("kind", equalTo("PURCHASE"))
                .body("amount", equalTo(129.90f));
        id = submit(Records.SURVEY_RESPONSE);
        given().auth().oauth2(ingestToken())
                .when().get(Records.SURVEY_RESPONSE.path + "/" + id)
                .then().statusCode(200)
                .body("responseId", equalTo(id))
                .body("feltValued", equalTo(5))
                .body("interactionId", equalTo("i-1"));
    }

    @Test
    void aRefundMayNameTheTransactionItReverses() {
        String body = Records.TRANSACTION.body(Interactions.unique("refund"), "c-refund")
                .replace("\"PURCHASE\"", "\"REFUND\"")
                .replace("\"originatingInteractionId\":\"i-1\"", "\"cancelsTransactionId\":\"t-1\"");
        given().auth().oauth2(ingestToken()).contentType(ContentType.JSON).body(body)
                .when().post(Records.TRANSACTION.path)
                .then().statusCode(201);
    }

    @ParameterizedTest
    @EnumSource(Records.class)
    void unknownRecordIsANotFoundProblem(Records kind) {
        given().auth().oauth2(ingestToken())
                .when().get(kind.path + "/no-such-record")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", org.hamcrest.Matchers.endsWith("with id no-such-record"));
    }

    @Test
    void theOpenApiDocumentDescribesEveryKindWithItsRequestSchema() {
        var openApi = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/survey-responses"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/quality-evaluations/{id}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/transactions"))
                .extract();
        assertEquals("#/components/schemas/TransactionRequest", openApi.path(
                "paths.'/api/v1/transactions'.post.requestBody.content.'application/json'.schema.$ref"));
        assertEquals("#/components/schemas/InteractionRequest", openApi.path(
                "paths.'/api/v1/interactions'.post.requestBody.content.'application/json'.schema.$ref"));
    }

    private static String submit(Records kind) {
        return given().auth().oauth2(ingestToken()).contentType(ContentType.JSON)
                .body(kind.body(Interactions.unique("ext"), Interactions.unique("c")))
                .when().post(kind.path)
                .then().statusCode(201).extract().path("id");
    }

    static List<ConsumerRecord<String, String>> recordsOf(String topic, String customerId, int expected) {
        List<ConsumerRecord<String, String>> all = KafkaTestClient.readUntil(topic, Duration.ofSeconds(20),
                records -> records.stream().filter(r -> customerId.equals(r.key())).count() >= expected);
        return all.stream().filter(r -> customerId.equals(r.key())).toList();
    }
}
