package io.cxvalue.ingestion;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
                .body("verbatims.responseId", contains(second, first))
                .body("verbatims.comment", hasItem("Long waits for the " + word + " again"))
                .body("verbatims.csat", contains(1, 2));
        as("analyst").queryParam("term", "long wait").queryParam("from", from).queryParam("to", to)
                .queryParam("limit", 100)
                .when().get("/api/v1/verbatims")
                .then().statusCode(200).body("verbatims.responseId", hasItem(first));
        as("analyst").queryParam("term", key).queryParam("from", base.minus(Duration.ofDays(30)).toString())
                .queryParam("to", to).queryParam("limit", 1)
                .when().get("/api/v1/verbatims")
                .then().statusCode(200).body("verbatims.responseId", contains(second));
        as("analyst").queryParam("term", key).queryParam("from", base.minus(Duration.ofDays(30)).toString())
                .queryParam("to", to)
                .when().get("/api/v1/verbatims")
                .then().statusCode(200).body("verbatims.responseId", containsInAnyOrder(second, first, outside));

        as("admin").when().delete("/api/v1/customers/" + ada).then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("analyst").queryParam("term", key)
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/verbatims")
                .then().statusCode(200).body("verbatims.responseId", contains(second)));
        as("admin").when().delete("/api/v1/customers/" + bob).then().statusCode(202);
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
