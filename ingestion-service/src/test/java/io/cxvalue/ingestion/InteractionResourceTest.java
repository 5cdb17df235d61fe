package io.cxvalue.ingestion;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class InteractionResourceTest {

    private static final String PATH = "/api/v1/interactions";

    private static String ingestToken() {
        return TestTokens.withRoles("ingest");
    }

    @Test
    void rejectsCallsWithoutTokenOrWithTheWrongRole() {
        String body = Interactions.voiceCall(Interactions.unique("call"), "c-auth");
        given().contentType(ContentType.JSON).body(body)
                .when().post(PATH)
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("agent")).contentType(ContentType.JSON).body(body)
                .when().post(PATH)
                .then().statusCode(403);
        given().auth().oauth2("not-a-token").contentType(ContentType.JSON).body(body)
                .when().post(PATH)
                .then().statusCode(401);
    }

    @Test
    void storesAndPublishesAnInteractionOnceWithCloudEventHeaders() throws Exception {
        String externalId = Interactions.unique("call");
        String customerId = Interactions.unique("c");

        var created = given().auth().oauth2(ingestToken()).contentType(ContentType.JSON)
                .body(Interactions.voiceCall(externalId, customerId))
                .when().post(PATH)
                .then().statusCode(201)
                .body("status", equalTo("ACCEPTED"))
                .body("interactionId", notNullValue())
                .extract();
        String id = created.path("interactionId");
        assertTrue(created.header("Location").endsWith(PATH + "/" + id), created.header("Location"));

        given().auth().oauth2(TestTokens.withRoles("admin"))
                .when().get(PATH + "/" + id)
                .then().statusCode(200)
                .body("interactionId", equalTo(id))
                .body("externalId", equalTo(externalId))
                .body("customerId", equalTo(customerId))
                .body("channel", equalTo("VOICE"))
                .body("sale.amount", equalTo(29.99f))
                .body("receivedAt", notNullValue());

        List<ConsumerRecord<String, String>> records = recordsOf(customerId, 1);
        assertEquals(1, records.size(), "published exactly once");
        ConsumerRecord<String, String> record = records.get(0);
        assertEquals(customerId, record.key(), "keyed by customer id");
        assertEquals(EventType.INTERACTION_RECORDED.ceType(), KafkaTestClient.header(record, CloudEventHeaders.TYPE));
        assertEquals("1.0", KafkaTestClient.header(record, CloudEventHeaders.SPEC_VERSION));
        assertEquals("/ingestion-service", KafkaTestClient.header(record, CloudEventHeaders.SOURCE));
        assertEquals(customerId, KafkaTestClient.header(record, CloudEventHeaders.SUBJECT));
        assertEquals("application/json", KafkaTestClient.header(record, CloudEventHeaders.CONTENT_TYPE));
        assertNotNull(KafkaTestClient.header(record, CloudEventHeaders.ID));
        Instant ceTime = Instant.parse(KafkaTestClient.header(record, CloudEventHeaders.TIME));
        assertTrue(Duration.between(ceTime, Instant.now()).abs().toMinutes() < 5, "ce_time is the storage time");

        InteractionRecorded event = EventJson.read(record.value(), InteractionRecorded.class);
        assertEquals(id, event.interactionId());
        assertEquals(externalId, event.externalId());
        assertEquals(Channel.VOICE, event.channel());
        assertEquals(315, event.handleSeconds());
        assertEquals(0, new BigDecimal("29.99").compareTo(event.sale().amount()));
        assertEquals("unlimited-time", event.experiment().variant());
        assertEquals(1, event.transfers());
    }

    @Test
    void aRepeatIsReportedAsDuplicateAndNotPublishedAgain() {
        String externalId = Interactions.unique("call");
        String customerId = Interactions.unique("c");
        String body = Interactions.voiceCall(externalId, customerId);

        String id = given().auth().oauth2(ingestToken()).contentType(ContentType.JSON).body(body)
                .when().post(PATH)
                .then().statusCode(201).extract().path("interactionId");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(ingestToken()).contentType(ContentType.JSON).body(body)
                    .when().post(PATH)
                    .then().statusCode(200)
                    .body("status", equalTo("DUPLICATE"))
                    .body("interactionId", equalTo(id));
        }
        // A later interaction of the same customer proves the relay ran after the repeats.
        given().auth().oauth2(ingestToken()).contentType(ContentType.JSON)
                .body(Interactions.voiceCall(Interactions.unique("call"), customerId))
                .when().post(PATH)
                .then().statusCode(201);

        List<ConsumerRecord<String, String>> records = recordsOf(customerId, 2);
        assertEquals(2, records.size());
        long ofFirst = records.stream()
                .filter(r -> EventJson.read(r.value(), InteractionRecorded.class).externalId().equals(externalId))
                .count();
        assertEquals(1, ofFirst, "the duplicate was not published");
    }

    @Test
    void sameExternalIdFromAnotherSourceIsADifferentInteraction() {
        String externalId = Interactions.unique("call");
        String body = Interactions.voiceCall(externalId, "c-sources");
        given().auth().oauth2(ingestToken()).contentType(ContentType.JSON).body(body)
                .when().post(PATH).then().statusCode(201);
        given().auth().oauth2(ingestToken()).contentType(ContentType.JSON)
                .body(body.replace("\"genesys\"", "\"twilio\""))
                .when().post(PATH).then().statusCode(201);
    }

    @Test
    void unknownInteractionIsANotFoundProblem() {
        given().auth().oauth2(ingestToken())
                .when().get(PATH + "/no-such-interaction")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", equalTo("No interaction with id no-such-interaction"));
    }

    /** Reads cx.interactions until {@code expected} records of the customer arrived, then a little longer. */
    static List<ConsumerRecord<String, String>> recordsOf(String customerId, int expected) {
        return RecordResourceTest.recordsOf(Topics.INTERACTIONS, customerId, expected);
    }
}
