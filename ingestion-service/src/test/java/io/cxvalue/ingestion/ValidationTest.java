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

        assertProblem(response, status, field);
        assertEquals(0L, storedWithExternalId(MongoCollections.INTERACTIONS, externalId),
                "nothing may be stored for a rejected interaction");
    }

    static Stream<Arguments> invalidRecords() {
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        Records survey = Records.SURVEY_RESPONSE;
        Records quality = Records.QUALITY_EVALUATION;
        Records transaction = Records.TRANSACTION;
        return Stream.of(
                // name, kind, mutation of a valid body, expected status, expected field (null: none)
                Arguments.of("survey: malformed JSON", survey, "{\"source\":", 400, null),
                Arguments.of("survey: csat 6", survey, replace("\"csat\":4", "\"csat\":6"), 400, "csat"),
                Arguments.of("survey: csat 0", survey, replace("\"csat\":4", "\"csat\":0"), 400, "csat"),
                Arguments.of("survey: nps 11", survey, replace("\"nps\":9", "\"nps\":11"), 400, "nps"),
                Arguments.of("survey: nps -1", survey, replace("\"nps\":9", "\"nps\":-1"), 400, "nps"),
                Arguments.of("survey: ces 8", survey, replace("\"ces\":2", "\"ces\":8"), 400, "ces"),
                Arguments.of("survey: felt valued 0", survey, replace("\"feltValued\":5", "\"feltValued\":0"), 400,
                        "feltValued"),
                Arguments.of("survey: csat as text", survey, replace("\"csat\":4", "\"csat\":\"good\""), 400,
                        "csat"),
                Arguments.of("survey: no score and no comment", survey,
                        replace(",\"csat\":4,\"nps\":9,\"ces\":2,\"feltValued\":5,\"comment\":\"Quick and kind\"", ""),
                        400, "score"),
                Arguments.of("survey: comment too long", survey,
                        replace("\"Quick and kind\"", "\"" + "x".repeat(4001) + "\""), 400, "comment"),
                Arguments.of("survey: responded in the future", survey, "SET:respondedAt=" + future, 400,
                        "respondedAt"),
                Arguments.of("survey: unknown field", survey, replace("\"csat\":", "\"stars\":3,\"csat\":"), 400,
                        "stars"),
                Arguments.of("survey: missing customer", survey, "SET:customerId=", 400, "customerId"),
                Arguments.of("quality: score above 100", quality, replace("\"score\":87.5", "\"score\":100.5"), 400,
                        "score"),
                Arguments.of("quality: negative score", quality, replace("\"score\":87.5", "\"score\":-1"), 400,
                        "score"),
                Arguments.of("quality: no score", quality, replace("\"score\":87.5,", ""), 400, "score"),
                Arguments.of("quality: criterion above 100", quality, replace("\"greeting\":100", "\"greeting\":101"),
                        400, "criteria[greeting].<map value>"),
                Arguments.of("quality: criterion name too long", quality,
                        replace("\"greeting\":", "\"" + "g".repeat(101) + "\":"), 400, "].<map key>"),
                Arguments.of("quality: too many criteria", quality,
                        replace("\"greeting\":100", manyCriteria(51)), 400, "criteria"),
                Arguments.of("quality: criteria not an object", quality,
                        replace("{\"greeting\":100,\"empathy\":75.5,\"resolution.steps\":80}", "[1,2]"), 400,
                        "criteria"),
                Arguments.of("quality: missing interaction", quality, replace("\"interactionId\":\"i-1\",", ""), 400,
                        "interactionId"),
                Arguments.of("quality: evaluated in the future", quality, "SET:evaluatedAt=" + future, 400,
                        "evaluatedAt"),
                Arguments.of("quality: evaluator with spaces", quality, "SET:evaluatorId=lead 2", 400, "evaluatorId"),
                Arguments.of("transaction: wrong currency", transaction, "SET:currency=USD", 400, "currency"),
                Arguments.of("transaction: currency not a code", transaction, "SET:currency=euro", 400, "currency"),
                Arguments.of("transaction: zero-amount refund", transaction,
                        replace("\"kind\":\"PURCHASE\",\"amount\":129.90",
                                "\"kind\":\"REFUND\",\"amount\":0"), 400, "amount"),
                Arguments.of("transaction: negative amount", transaction,
                        replace("\"amount\":129.90", "\"amount\":-5"), 400, "amount"),
                Arguments.of("transaction: too many fraction digits", transaction,
                        replace("\"amount\":129.90", "\"amount\":1.23456"), 400, "amount"),
                Arguments.of("transaction: too many integer digits", transaction,
                        replace("\"amount\":129.90", "\"amount\":1234567890123"), 400, "amount"),
                Arguments.of("transaction: amount as text", transaction,
                        replace("\"amount\":129.90", "\"amount\":\"lots\""), 400, "amount"),
                Arguments.of("transaction: purchase cancelling a transaction", transaction,
                        replace("\"originatingInteractionId\":", "\"cancelsTransactionId\":\"t-1\",\"originatingInteractionId\":"),
                        400, "cancelsTransactionId"),
                Arguments.of("transaction: unknown kind", transaction, "SET:kind=GIFT", 400, "kind"),
                Arguments.of("transaction: missing kind", transaction, replace("\"kind\":\"PURCHASE\",", ""), 400,
                        "kind"),
                Arguments.of("transaction: occurred in the future", transaction, "SET:occurredAt=" + future, 400,
                        "occurredAt"),
                Arguments.of("transaction: occurred not a timestamp", transaction, "SET:occurredAt=yesterday", 400,
                        "occurredAt"),
                Arguments.of("transaction: unknown field", transaction,
                        replace("\"productId\":", "\"sku\":\"x\",\"productId\":"), 400, "sku"),
                Arguments.of("transaction: empty body", transaction, "", 400, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRecords")
    void invalidRecordIsAProblemAndNothingIsStored(String name, Records kind, String mutation, int status,
            String field) {
        String externalId = Interactions.unique("bad");
        String body = mutate(kind.body(externalId, "c-valid"), mutation);

        ExtractableResponse<Response> response = given().auth().oauth2(TestTokens.withRoles("ingest"))
                .contentType(ContentType.JSON).body(body)
                .when().post(kind.path)
                .then().extract();

        assertProblem(response, status, field);
        assertEquals(0L, storedWithExternalId(kind.collection, externalId),
                "nothing may be stored for a rejected record");
    }

    private static String manyCriteria(int count) {
        StringBuilder criteria = new StringBuilder("\"c0\":1");
        for (int i = 1; i < count; i++) {
            criteria.append(",\"c").append(i).append("\":1");
        }
        return criteria.toString();
    }

    @org.junit.jupiter.api.Test
    void aFreePurchaseIsAccepted() {
        // A zero-amount purchase (a free order) is still a purchase: CLV models count it as a transaction.
        String body = Records.TRANSACTION.body(Interactions.unique("free"), "c-valid")
                .replace("\"amount\":129.90", "\"amount\":0");
        given().auth().oauth2(TestTokens.withRoles("ingest"))
                .contentType(ContentType.JSON).body(body)
                .when().post(Records.TRANSACTION.path)
                .then().statusCode(201);
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
                .then().statusCode(413).contentType("application/problem+json");
    }

    private static void assertProblem(ExtractableResponse<Response> response, int status, String field) {
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
    }

    private long storedWithExternalId(String collection, String externalId) {
        return mongo.getDatabase(database).getCollection(collection)
                .countDocuments(new Document("externalId", externalId))
                .await().indefinitely();
    }

    private static String replace(String from, String to) {
        return from + "=>" + to;
    }

    private static String mutate(String valid, String mutation) {
        if (mutation.startsWith("SET:")) {
            int equals = mutation.indexOf('=');
            String name = mutation.substring("SET:".length(), equals);
            String changed = valid.replaceFirst("\"" + name + "\":\"[^\"]+\"",
                    "\"" + name + "\":\"" + mutation.substring(equals + 1) + "\"");
            if (changed.equals(valid)) {
                throw new IllegalArgumentException("Test body has no text field " + name);
            }
            return changed;
        }
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
