package io.cxvalue.ingestion;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.ingestion.voice.CommentTerms;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Verbatims: the comments behind a term are found by the terms ingestion extracted when it accepted them, within the
 * period asked, newest first; an erasure takes a customer's comments out of every answer.
 */
@QuarkusTest
class VerbatimTest {

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.withRoles(role));
    }

    private static String survey(String customerId, Instant at, int csat, String comment) {
        String body = """
                {"source":"qualtrics","externalId":"%s","customerId":"%s","respondedAt":"%s","csat":%d,
                 "comment":"%s"}""".formatted(UUID.randomUUID(), customerId, at, csat, comment);
        return as("ingest").contentType("application/json").body(body).when().post("/api/v1/survey-responses")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void commentsAreFoundByTheirTermsAndGoWithAnErasure() {
        // A word no other test writes, so that the term is this test's alone; queried by its key (stemmed).
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").chars().limit(8)
                .mapToObj(c -> String.valueOf((char) ('a' + c % 26))).collect(Collectors.joining()) + "x";
        String key = CommentTerms.of(word).get(0).key();
        Instant base = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        String ada = "c-" + UUID.randomUUID();
        String bob = "c-" + UUID.randomUUID();
        String first = survey(ada, base, 2, "Long waits for the " + word + " again");
        String second = survey(bob, base.plus(Duration.ofHours(1)), 1, "Waited so long, " + word + " broken");
        survey(bob, base.plus(Duration.ofHours(2)), 5, "Lovely service");
        String outside = survey(bob, base.minus(Duration.ofDays(10)), 3, "old " + word + " remark");

        String from = base.minus(Duration.ofDays(1)).toString();
        String to = base.plus(Duration.ofDays(1)).toString();
        as("analyst").queryParam("term", key).queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/verbatims")
                .then().statusCode(200)
                .body("verbatims.id", contains(second, first))
                .body("verbatims.text", hasItem("Long waits for the " + word + " again"))
                .body("verbatims.csat", contains(1, 2));
        as("analyst").queryParam("term", "long wait").queryParam("from", from).queryParam("to", to)
                .queryParam("limit", 100)
                .when().get("/api/v1/verbatims")
                .then().statusCode(200).body("verbatims.id", hasItem(first));
        as("analyst").queryParam("term", key).queryParam("from", base.minus(Duration.ofDays(30)).toString())
                .queryParam("to", to).queryParam("limit", 1)
                .when().get("/api/v1/verbatims")
                .then().statusCode(200).body("verbatims.id", contains(second));
        as("analyst").queryParam("term", key).queryParam("from", base.minus(Duration.ofDays(30)).toString())
                .queryParam("to", to)
                .when().get("/api/v1/verbatims")
                .then().statusCode(200).body("verbatims.id", containsInAnyOrder(second, first, outside));

        as("admin").when().delete("/api/v1/customers/" + ada).then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("analyst").queryParam("term", key)
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/verbatims")
                .then().statusCode(200).body("verbatims.id", contains(second)));
        as("admin").when().delete("/api/v1/customers/" + bob).then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("analyst").queryParam("term", key)
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/verbatims")
                .then().statusCode(200).body("verbatims", empty()));
    }

    /**
     * An interaction's notes and transcript: found by their terms (source contact), the transcript shown around the
     * term, merged with the comments newest first; the published interaction carries the terms, not the text; an
     * erasure takes them out.
     */
    @Test
    void contactNotesAndTranscriptsAreFoundByTheirTermsAndGoWithAnErasure() {
        String word = "zr" + UUID.randomUUID().toString().replace("-", "").chars().limit(8)
                .mapToObj(c -> String.valueOf((char) ('a' + c % 26))).collect(Collectors.joining()) + "x";
        String key = CommentTerms.of(word).get(0).key();
        String customer = "c-" + UUID.randomUUID();
        Instant at = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        String padding = "the customer talked about the weather and the weekend at some length. ".repeat(20);
        String body = """
                {"source":"genesys","externalId":"%s","customerId":"%s","channel":"VOICE","direction":"INBOUND",
                 "startedAt":"%s","abandoned":false,"teamId":"team-a","contactReason":"billing","transfers":0,
                 "notes":"Customer upset: %s not working","transcript":"%s The %s keeps failing. %s"}
                """.formatted(UUID.randomUUID(), customer, at, word, padding, word, padding);
        String interactionId = as("ingest").contentType("application/json").body(body)
                .when().post("/api/v1/interactions").then().statusCode(201).extract().path("interactionId");
        String comment = survey(customer, at.plus(Duration.ofHours(1)), 2, "The " + word + " again");
        String published = RecordResourceTest.recordsOf(Topics.INTERACTIONS, customer, 1).get(0).value();
        // Terms travel, the text does not.
        assertFalse(published.contains("Customer upset:") || published.contains("talked about the weather")
                || published.contains("\"notes\"") || published.contains("\"transcript\""),
                "no text on the topic: " + published);
        InteractionRecorded event = EventJson.read(published, InteractionRecorded.class);
        assertNull(event.notes());
        assertNull(event.transcript());
        assertTrue(event.textTerms().stream().anyMatch(t -> t.key().equals(key)), event.textTerms().toString());

        String from = at.minus(Duration.ofDays(1)).toString();
        String to = at.plus(Duration.ofDays(1)).toString();
        as("analyst").queryParam("term", key).queryParam("from", from).queryParam("to", to)
                .queryParam("source", "contact")
                .when().get("/api/v1/verbatims")
                .then().statusCode(200)
                .body("verbatims.id", contains(interactionId))
                .body("verbatims[0].source", equalTo("CONTACT"))
                .body("verbatims[0].text", org.hamcrest.Matchers.startsWith("Customer upset: " + word))
                .body("verbatims[0].text", org.hamcrest.Matchers.containsString("The " + word + " keeps failing"))
                .body("verbatims[0].text.length()", org.hamcrest.Matchers.lessThan(900));
        as("analyst").queryParam("term", key).queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/verbatims")
                .then().statusCode(200)
                .body("verbatims.id", contains(comment, interactionId))
                .body("verbatims.source", contains("SURVEY", "CONTACT"));

        as("admin").when().delete("/api/v1/customers/" + customer).then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("analyst").queryParam("term", key)
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/verbatims")
                .then().statusCode(200).body("verbatims", empty()));
    }

    @Test
    void badQueriesAreProblemsNamingTheParameter() {
        String now = Instant.now().toString();
        String earlier = Instant.now().minus(Duration.ofDays(1)).toString();
        bad(null, earlier, now, "20", "term");
        bad("wait", "yesterday", now, "20", "from");
        bad("wait", earlier, null, "20", "to");
        bad("wait", now, earlier, "20", "to");
        bad("wait", Instant.now().minus(Duration.ofDays(401)).toString(), now, "20", "to");
        bad("wait", earlier, now, "0", "limit");
        bad("wait", earlier, now, "101", "limit");
        bad("wait", earlier, now, "many", "limit");
        as("analyst").queryParam("term", "wait").queryParam("from", earlier).queryParam("to", now)
                .queryParam("source", "chat").when().get("/api/v1/verbatims")
                .then().statusCode(400).body("violations.field", hasItem("source"));
    }

    @Test
    void onlyAnalystsReadComments() {
        given().queryParam("term", "wait").when().get("/api/v1/verbatims").then().statusCode(401);
        as("manager").queryParam("term", "wait").when().get("/api/v1/verbatims").then().statusCode(403);
        as("ingest").queryParam("term", "wait").when().get("/api/v1/verbatims").then().statusCode(403);
    }

    private static void bad(String term, String from, String to, String limit, String field) {
        RequestSpecification request = as("analyst").queryParam("limit", limit);
        if (term != null) {
            request = request.queryParam("term", term);
        }
        if (from != null) {
            request = request.queryParam("from", from);
        }
        if (to != null) {
            request = request.queryParam("to", to);
        }
        request.when().get("/api/v1/verbatims")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field))
                .body("status", equalTo(400));
    }
}
