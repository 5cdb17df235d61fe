package io.cxvalue.scoring.rest;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.UUID;

import static io.cxvalue.scoring.CustomerStateApi.PATH;
import static io.cxvalue.scoring.CustomerStateApi.awaitState;
import static io.cxvalue.scoring.CustomerStateApi.getState;
import static io.cxvalue.scoring.Interactions.newCustomerId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The state API: the contact history as of a fixed instant (the {@code asOf} parameter; the injected clock when
 * absent), its security and its problems.
 */
@QuarkusTest
class CustomerStateResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Instant AS_OF = Instant.parse("2026-03-31T12:00:00Z");
    private static final String KNOWN_CUSTOMER = newCustomerId();
    private static boolean contactsRecorded;

    // Not @BeforeAll: the HTTP port is known to the test client only once a test method runs.
    @BeforeEach
    void recordContactsOnce() {
        if (contactsRecorded) {
            return;
        }
        publish(KNOWN_CUSTOMER, daysAgo(40), false, "billing", true, 0.9, 0);   // outside 30 days
        publish(KNOWN_CUSTOMER, daysAgo(30), false, "billing", true, 0.8, 0);   // exactly 30 days: outside
        publish(KNOWN_CUSTOMER, daysAgo(20), false, "delivery", true, 0.5, 0);
        publish(KNOWN_CUSTOMER, daysAgo(6), false, "refund", true, -0.2, 0);
        publish(KNOWN_CUSTOMER, daysAgo(2), false, "refund", false, null, 2);
        publish(KNOWN_CUSTOMER, daysAgo(1), true, null, null, null, 0);        // abandoned
        publish(KNOWN_CUSTOMER, AS_OF.plusSeconds(60), false, "other", true, 0.1, 0); // after asOf
        awaitState(KNOWN_CUSTOMER, AS_OF.plusSeconds(3600), state -> state.getInt("contacts.last30Days") == 5);
        contactsRecorded = true;
    }

    @Test
    void contactHistoryIsRelativeToTheGivenInstant() {
        getState(KNOWN_CUSTOMER, AS_OF).then().statusCode(200)
                .contentType("application/json")
                .body("customerId", equalTo(KNOWN_CUSTOMER))
                .body("asOf", equalTo("2026-03-31T12:00:00Z"))
                .body("contacts.last7Days", equalTo(3))
                .body("contacts.last30Days", equalTo(4))
                .body("contacts.lastContactAt", equalTo(daysAgo(1).toString()))
                .body("contacts.lastChannel", equalTo("VOICE"))
                .body("contacts.lastContactReason", nullValue())
                .body("contacts.lastTransfers", equalTo(0))
                .body("contacts.openIssue", equalTo(true))
                .body("contacts.openIssueReason", equalTo("refund"))
                .body("contacts.repeatCaller", equalTo(true))
                .body("contacts.repeatReason", equalTo("refund"))
                .body("contacts.lastSentiment", equalTo(-0.2f));

        // Three days earlier: the unresolved refund call and the abandoned one had not happened yet.
        getState(KNOWN_CUSTOMER, AS_OF.minusSeconds(3 * 86_400)).then().statusCode(200)
                .body("contacts.last7Days", equalTo(1))
                .body("contacts.last30Days", equalTo(3))
                .body("contacts.openIssue", equalTo(false))
                .body("contacts.repeatCaller", equalTo(false))
                .body("contacts.lastContactReason", equalTo("refund"));
    }

    @Test
    void withoutAnInstantTheStateIsAsOfNow() {
        given().auth().oauth2(TestTokens.withRoles("agent")).pathParam("customerId", KNOWN_CUSTOMER)
                .when().get(PATH)
                .then().statusCode(200)
                .body("customerId", equalTo(KNOWN_CUSTOMER))
                .body("asOf", startsWith(Instant.now().toString().substring(0, 10)));
    }

    @Test
    void requiresAToken() {
        given().pathParam("customerId", KNOWN_CUSTOMER)
                .when().get(PATH)
                .then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "manager", "admin"})
    void forbidsRolesOtherThanAgentAndAnalyst(String role) {
        given().auth().oauth2(TestTokens.withRoles(role)).pathParam("customerId", KNOWN_CUSTOMER)
                .when().get(PATH)
                .then().statusCode(403)
                .contentType(PROBLEM_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent", "analyst"})
    void servesTheStateToAgentsAndAnalysts(String role) {
        given().auth().oauth2(TestTokens.withRoles(role)).pathParam("customerId", KNOWN_CUSTOMER)
                .queryParam("asOf", AS_OF.toString())
                .when().get(PATH)
                .then().statusCode(200)
                .body("contacts.last30Days", equalTo(4));
    }

    @Test
    void anUnknownCustomerIsAProblemNamingTheCustomer() {
        String unknown = newCustomerId();
        getState(unknown, AS_OF).then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(404))
                .body("title", equalTo("Customer not found"))
                .body("detail", containsString(unknown));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-03-31", "2026-03-31T12:00:00"})
    void aMalformedInstantIsABadRequestNamingTheParameter(String asOf) {
        given().auth().oauth2(TestTokens.withRoles("agent")).pathParam("customerId", KNOWN_CUSTOMER)
                .queryParam("asOf", asOf)
                .when().get(PATH)
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("asOf"))
                .body("violations[0].in", equalTo("query"))
                .body("violations[0].message", startsWith("must be an RFC 3339 timestamp"));
    }

    @Test
    void anImpossibleInstantIsABadRequest() {
        given().auth().oauth2(TestTokens.withRoles("agent")).pathParam("customerId", KNOWN_CUSTOMER)
                .queryParam("asOf", "2026-13-45T12:00:00Z")
                .when().get(PATH)
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("detail", containsString("asOf"));
    }

    @Test
    void aMalformedCustomerIdIsABadRequest() {
        given().auth().oauth2(TestTokens.withRoles("agent")).pathParam("customerId", "bad id")
                .when().get(PATH)
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("customerId"));
    }

    private static Instant daysAgo(int days) {
        return AS_OF.minusSeconds(days * 86_400L);
    }

    private static void publish(String customerId, Instant startedAt, boolean abandoned, String reason,
            Boolean resolved, Double sentiment, int transfers) {
        String id = "i-" + UUID.randomUUID();
        CloudEventRecords.publish(new InteractionRecorded(id, "test-platform", "ext-" + id, customerId,
                Channel.VOICE, Direction.INBOUND, startedAt, 12, abandoned ? null : 200, null, null, abandoned,
                null, null, null, reason, transfers, resolved, sentiment, null, null, null));
    }
}
