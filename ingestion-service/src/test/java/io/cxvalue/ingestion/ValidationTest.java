package io.cxvalue.ingestion;

import io.cxvalue.ingestion.repository.MongoCollections;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a client sends, a bad interaction is a 4xx problem naming the field, and nothing is stored. */
@QuarkusTest
class ValidationTest {

    @Inject
    ReactiveMongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    static Stream<Arguments> invalidBodies() {
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        return Stream.of(
                // name, mutation of a valid body, expected status, expected field (null: none)
                Arguments.of("malformed JSON", "{\"source\":", 400, null),
                Arguments.of("empty body", "", 400, null),
                Arguments.of("JSON array instead of object", "[]", 400, null),
                Arguments.of("unknown channel", replace("\"VOICE\"", "\"FAX\""), 400, "channel"),
                Arguments.of("talk seconds as text", replace("\"talkSeconds\":240", "\"talkSeconds\":\"long\""), 400,
                        "talkSeconds"),
                Arguments.of("negative talk seconds", replace("\"talkSeconds\":240", "\"talkSeconds\":-1"), 400,
                        "talkSeconds"),
                Arguments.of("sentiment above 1", replace("\"sentiment\":-0.4", "\"sentiment\":1.5"), 400,
                        "sentiment"),
                Arguments.of("start time in the future", "STARTED_AT:" + future, 400, "startedAt"),
                Arguments.of("start time not a timestamp", "STARTED_AT:last tuesday", 400, "startedAt"),
                Arguments.of("wrong currency", replace("\"currency\":\"EUR\"", "\"currency\":\"USD\""), 400,
                        "sale.currency"),
                Arguments.of("unknown field", replace("\"campaign\":", "\"talkSecs\":3,\"campaign\":"), 400,
                        "talkSecs"),
                Arguments.of("missing customer", replace("\"customerId\":\"c-valid\",", ""), 400, "customerId"),
                Arguments.of("blank source", replace("\"source\":\"genesys\"", "\"source\":\" \""), 400, "source"),
                Arguments.of("id with spaces", replace("\"agentId\":\"agent-7\"", "\"agentId\":\"agent 7\""), 400,
                        "agentId"),
                Arguments.of("accepted sale not offered", replace("\"offered\":true", "\"offered\":false"), 400,
                        "sale.accepted"),
                Arguments.of("transfers not a number", replace("\"transfers\":1", "\"transfers\":true"), 400,
                        "transfers"),
                Arguments.of("experiment without variant",
                        replace("\"variant\":\"unlimited-time\"", "\"variant\":\"\""), 400, "experiment.variant"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidInteractionIsAProblemAndNothingIsStored(String name, String mutation, int status, String field) {
        String externalId = Interactions.unique("bad");
        String body = mutate(Interactions.voiceCall(externalId, "c-valid"), mutation);

        ExtractableResponse<Response> response = given().auth().oauth2(TestTokens.withRoles("ingest"))
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/interactions")
                .then().extract();

        assertEquals(status, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"),
                response.contentType() + " " + response.headers() + " " + response.asString());
        assertEquals(status, response.jsonPath().getInt("status"));
        assertFalse(response.asString().matches("(?s).*(java\\.|io\\.cxvalue|com\\.fasterxml|Exception).*"),
                "no Java names may reach a client: " + response.asString());
        if (field != null) {
            List<Map<String, String>> violations = response.jsonPath().getList("violations");
            assertTrue(violations != null && violations.stream().anyMatch(v -> v.get("field").endsWith(field)),
                    "expected a violation of " + field + " in " + response.asString());
        }
        assertEquals(0L, storedWithExternalId(externalId), "nothing may be stored for a rejected interaction");
    }

    @org.junit.jupiter.api.Test
    void wrongContentTypeIsUnsupportedMediaType() {
        given().auth().oauth2(TestTokens.withRoles("ingest"))
                .contentType(ContentType.TEXT).body("channel=VOICE")
                .when().post("/api/v1/interactions")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @org.junit.jupiter.api.Test
    void oversizedBodyIsRejected() {
        String padding = "x".repeat(2 * 1024 * 1024);
        given().auth().oauth2(TestTokens.withRoles("ingest"))
                .contentType(ContentType.JSON)
                .body(Interactions.voiceCall(Interactions.unique("big"), "c-big")
                        .replace("\"campaign\":\"spring\"", "\"campaign\":\"" + padding + "\""))
                .when().post("/api/v1/interactions")
                .then().statusCode(413);
    }

    private long storedWithExternalId(String externalId) {
        return mongo.getDatabase(database).getCollection(MongoCollections.INTERACTIONS)
                .countDocuments(new Document("externalId", externalId))
                .await().indefinitely();
    }

    private static String replace(String from, String to) {
        return from + "=>" + to;
    }

    private static String mutate(String valid, String mutation) {
        if (mutation.startsWith("STARTED_AT:")) {
            return valid.replaceFirst("\"startedAt\":\"[^\"]+\"",
                    "\"startedAt\":\"" + mutation.substring("STARTED_AT:".length()) + "\"");
        }
        int arrow = mutation.indexOf("=>");
        if (arrow < 0) {
            return mutation;
        }
        String from = mutation.substring(0, arrow);
        if (!valid.contains(from)) {
            throw new IllegalArgumentException("Test body does not contain " + from);
        }
        return valid.replace(from, mutation.substring(arrow + 2));
    }
}
