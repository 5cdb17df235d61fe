package io.cxvalue.scoring.rest;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static io.cxvalue.scoring.CustomerStateApi.awaitState;
import static io.cxvalue.scoring.Interactions.interaction;
import static io.cxvalue.scoring.Interactions.newCustomerId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** The caller policy API: analysts change the policy without a release and the next card uses it. */
@QuarkusTest
class CallerPolicyResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PATH = "/api/v1/caller-policy";
    private static final String DEFAULTS = """
            {"highValueTiers": ["HIGH", "TOP"], "lowValueTiers": ["LOW"], "takeTimeChurnRisks": ["HIGH"],
             "negativeSentimentBelow": -0.3, "cxAvoidBelow": 0.5}""";
    private static final String NEGATIVE =
            "negative sentiment in the last contact: sales made now are often cancelled";

    private static RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.withRoles("analyst"));
    }

    @AfterEach
    void restoreTheDefaults() {
        analyst().contentType(ContentType.JSON).body(DEFAULTS).when().put(PATH).then().statusCode(200);
    }

    @Test
    void theSettingsInForceAreTheDefaultsOrTheStoredOnes() {
        analyst().when().get(PATH).then().statusCode(200)
                .body("highValueTiers", contains("HIGH", "TOP"))
                .body("takeTimeChurnRisks", contains("HIGH"))
                .body("negativeSentimentBelow", equalTo(-0.3f))
                .body("cxAvoidBelow", equalTo(0.5f))
                .body("repeatWindowDays", equalTo(7));
    }

    @Test
    void anAnalystChangesThePolicyAndTheNextCardUsesIt() {
        String customer = newCustomerId();
        Instant now = Instant.now();
        CloudEventRecords.publish(interaction(customer, Channel.VOICE, now.minusSeconds(600), false, "billing", -0.6));
        awaitState(customer, now.plusSeconds(3600), s -> s.getInt("contacts.last7Days") == 1);
        given().auth().oauth2(TestTokens.withRoles("agent")).pathParam("customerId", customer)
                .when().get("/api/v1/callers/{customerId}").then().statusCode(200)
                .body("recommendation.crossSellReasons", hasItem(NEGATIVE));

        analyst().contentType(ContentType.JSON).body("""
                {"highValueTiers": ["TOP"], "lowValueTiers": ["LOW", "MEDIUM"], "takeTimeChurnRisks": ["MEDIUM", "HIGH"],
                 "negativeSentimentBelow": -0.9, "cxAvoidBelow": 0.4}""")
                .when().put(PATH).then().statusCode(200)
                .body("source", equalTo("STORED"))
                .body("updatedBy", equalTo("test-analyst"))
                .body("lowValueTiers", contains("LOW", "MEDIUM"))
                .body("negativeSentimentBelow", equalTo(-0.9f));
        analyst().when().get(PATH).then().statusCode(200)
                .body("source", equalTo("STORED"))
                .body("highValueTiers", contains("TOP"))
                .body("takeTimeChurnRisks", contains("HIGH", "MEDIUM"))
                .body("cxAvoidBelow", equalTo(0.4f));

        given().auth().oauth2(TestTokens.withRoles("agent")).pathParam("customerId", customer)
                .when().get("/api/v1/callers/{customerId}").then().statusCode(200)
                .body("recommendation.crossSellReasons", not(hasItem(NEGATIVE)));

        // The threshold from reporting's cross-sell analysis, applied with its evidence: the card cites it.
        String evidence = "sales made in contacts with sentiment below -0.4 are cancelled 3.1 times as often as "
                + "those made in contacts with positive sentiment (95 % CI 2.4 to 4.0)";
        analyst().contentType(ContentType.JSON).body("""
                {"highValueTiers": ["TOP"], "lowValueTiers": ["LOW"], "takeTimeChurnRisks": ["HIGH"],
                 "negativeSentimentBelow": -0.4, "cxAvoidBelow": 0.4, "crossSellEvidence": "%s"}"""
                        .formatted(evidence))
                .when().put(PATH).then().statusCode(200)
                .body("crossSellEvidence", equalTo(evidence));
        analyst().when().get(PATH).then().statusCode(200).body("crossSellEvidence", equalTo(evidence));
        given().auth().oauth2(TestTokens.withRoles("agent")).pathParam("customerId", customer)
                .when().get("/api/v1/callers/{customerId}").then().statusCode(200)
                .body("recommendation.crossSellReasons", hasItem(NEGATIVE + " (" + evidence + ")"));
    }

    @Test
    void badValuesAreABadRequestNamingEveryField() {
        analyst().contentType(ContentType.JSON).body("""
                {"highValueTiers": ["GOLD"], "lowValueTiers": null, "takeTimeChurnRisks": ["EXTREME"],
                 "negativeSentimentBelow": -2, "cxAvoidBelow": 1.5, "crossSellEvidence": ""}""")
                .when().put(PATH).then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations.field", hasItems("highValueTiers", "lowValueTiers", "takeTimeChurnRisks",
                        "negativeSentimentBelow", "cxAvoidBelow", "crossSellEvidence"))
                .body("violations[0].in", equalTo("body"));
    }

    @Test
    void aTierCannotBeBothHighAndLowValue() {
        analyst().contentType(ContentType.JSON).body("""
                {"highValueTiers": ["TOP"], "lowValueTiers": ["TOP"], "takeTimeChurnRisks": [],
                 "negativeSentimentBelow": -0.3, "cxAvoidBelow": 0.5}""")
                .when().put(PATH).then().statusCode(400)
                .body("violations[0].field", equalTo("lowValueTiers"));
    }

    @Test
    void requiresAToken() {
        given().when().get(PATH).then().statusCode(401);
        given().contentType(ContentType.JSON).body(DEFAULTS).when().put(PATH).then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent", "ingest", "manager", "admin"})
    void onlyAnalystsSeeOrChangeThePolicy(String role) {
        given().auth().oauth2(TestTokens.withRoles(role)).when().get(PATH)
                .then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(TestTokens.withRoles(role)).contentType(ContentType.JSON).body(DEFAULTS)
                .when().put(PATH).then().statusCode(403).contentType(PROBLEM_JSON);
    }
}
