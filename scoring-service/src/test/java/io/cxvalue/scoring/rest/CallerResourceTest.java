package io.cxvalue.scoring.rest;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.scoring.CustomerEvents;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.UUID;

import static io.cxvalue.scoring.CustomerEvents.email;
import static io.cxvalue.scoring.CustomerEvents.newPhone;
import static io.cxvalue.scoring.CustomerEvents.phone;
import static io.cxvalue.scoring.CustomerEvents.survey;
import static io.cxvalue.scoring.CustomerEvents.upserted;
import static io.cxvalue.scoring.CustomerStateApi.awaitState;
import static io.cxvalue.scoring.Interactions.interaction;
import static io.cxvalue.scoring.Interactions.newCustomerId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** The caller card API: by id, phone (any format) and e-mail; unknown callers; security and problems. */
@QuarkusTest
class CallerResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String BY_ID = "/api/v1/callers/{customerId}";
    private static final String BY_IDENTITY = "/api/v1/callers";
    private static final String CUSTOMER = newCustomerId();
    private static final String PHONE = newPhone();
    private static final String EMAIL = "caller-" + UUID.randomUUID() + "@example.com";
    private static boolean seeded;

    @BeforeEach
    void seedOnce() {
        if (seeded) {
            return;
        }
        Instant now = Instant.now();
        CloudEventRecords.publish(upserted(CUSTOMER, now.minusSeconds(86_400 * 5), phone(PHONE), email(EMAIL)));
        CloudEventRecords.publish(interaction(CUSTOMER, Channel.VOICE, now.minusSeconds(86_400 * 2), false,
                "billing", 0.1));
        CloudEventRecords.publish(interaction(CUSTOMER, Channel.CHAT, now.minusSeconds(3600), false,
                "billing", -0.6));
        CloudEventRecords.publish(survey(CUSTOMER, now.minusSeconds(86_400), 2, null, null, null, null));
        awaitState(CUSTOMER, now.plusSeconds(3600), s -> s.getInt("contacts.last7Days") == 2
                && s.get("surveys.lastCsat") != null);
        // The identity link arrives on another topic: wait for it too.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                agent().queryParam("email", EMAIL).get(BY_IDENTITY).jsonPath().getBoolean("known"));
        seeded = true;
    }

    private static RequestSpecification agent() {
        return given().auth().oauth2(TestTokens.withRoles("agent"));
    }

    @Test
    void theCardOfAKnownCustomer() {
        agent().pathParam("customerId", CUSTOMER).when().get(BY_ID)
                .then().statusCode(200)
                .contentType("application/json")
                .body("known", equalTo(true))
                .body("customerId", equalTo(CUSTOMER))
                .body("contacts.last7Days", equalTo(2))
                .body("contacts.repeatCaller", equalTo(true))
                .body("contacts.repeatReason", equalTo("billing"))
                .body("contacts.lastSentiment", equalTo(-0.6f))
                .body("score.valueTier", nullValue())
                .body("score.clv", nullValue())
                .body("score.missingReason", equalTo("not scored yet: the customer was not in the latest CLV run"))
                .body("cx.source", equalTo("REAL"))
                .body("cx.csat", equalTo(2))
                .body("recommendation.handling", equalTo("TAKE_TIME"))
                .body("recommendation.handlingReasons", hasItem("repeat contact about billing within 7 days"))
                .body("recommendation.crossSell", equalTo("AVOID"))
                .body("recommendation.crossSellReasons",
                        hasItem("negative sentiment in the last contact: sales made now are often cancelled"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"national", "international", "e164"})
    void aPhoneNumberInAnyFormatFindsTheCustomer(String format) {
        String digits = PHONE.substring(3); // after +44
        String number = switch (format) {
            case "national" -> "0" + digits.substring(0, 4) + " " + digits.substring(4);
            case "international" -> "+44 (0)" + digits.substring(0, 4) + " " + digits.substring(4);
            default -> PHONE;
        };
        agent().queryParam("phone", number).when().get(BY_IDENTITY)
                .then().statusCode(200)
                .body("known", equalTo(true))
                .body("customerId", equalTo(CUSTOMER));
    }

    /**
     * Ingestion stores an identity in the form contracts' IdentityNormalizer gives it; the lookup must find the caller
     * from the same raw input in whatever form the channel system wrote it, and refuse what ingestion refuses.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tel:+44-77-%s", " 0044 77%s ", "+44 (0) 77%s", "077-%s", "  ADA.%s@Example.COM "})
    void theLookupFindsWhatIngestionStoredFromTheSameOddInput(String template) {
        IdentityNormalizer ingestion = new IdentityNormalizer("GB");
        String customer = newCustomerId();
        String digits = newPhone().substring(5); // eight digits after +4477
        String raw = String.format(template, digits);
        boolean isEmail = raw.contains("@");
        io.cxvalue.contracts.events.Identity stored = isEmail ? ingestion.email(raw) : ingestion.phone(raw);
        CloudEventRecords.publish(upserted(customer, Instant.now().minusSeconds(60), stored));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                agent().queryParam(isEmail ? "email" : "phone", raw).when().get(BY_IDENTITY)
                        .then().statusCode(200)
                        .body("known", equalTo(true))
                        .body("customerId", equalTo(customer)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"phone=+44 77", "phone=tel:",
            "phone=+44 7700 900123 0000000000000000000000000000000000000000000000000000",
            "email=ada@", "email=@example.com", "email=ada@example", "email=a b@example.com"})
    void theLookupRefusesWhatIngestionRefuses(String query) {
        IdentityNormalizer ingestion = new IdentityNormalizer("GB");
        String field = query.substring(0, query.indexOf('='));
        String raw = query.substring(query.indexOf('=') + 1);
        org.junit.jupiter.api.Assertions.assertThrows(IdentityNormalizer.InvalidIdentityException.class,
                () -> {
                    if (field.equals("phone")) {
                        ingestion.phone(raw);
                    } else {
                        ingestion.email(raw);
                    }
                });
        agent().queryParam(field, raw).when().get(BY_IDENTITY)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo(field));
    }

    @Test
    void anEmailAddressIsComparedLowerCased() {
        given().auth().oauth2(TestTokens.withRoles("analyst")).queryParam("email", EMAIL.toUpperCase())
                .when().get(BY_IDENTITY)
                .then().statusCode(200)
                .body("known", equalTo(true))
                .body("customerId", equalTo(CUSTOMER));
    }

    @Test
    void aMergedCustomersCardIsItsSurvivors() {
        String survivor = newCustomerId();
        String merged = newCustomerId();
        String mergedPhone = newPhone();
        Instant now = Instant.now();
        CloudEventRecords.publish(upserted(survivor, now.minusSeconds(7200)));
        CloudEventRecords.publish(upserted(merged, now.minusSeconds(7200), phone(mergedPhone)));
        CloudEventRecords.publish(interaction(merged, Channel.EMAIL, now.minusSeconds(3600), false, "delivery", 0.2));
        CloudEventRecords.publish(CustomerEvents.merged(survivor, now.minusSeconds(600), merged));
        // The merge (cx.customers) and the contact (cx.interactions) arrive on different topics, in either order.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            var card = agent().pathParam("customerId", merged).get(BY_ID).jsonPath();
            return survivor.equals(card.getString("customerId")) && card.getInt("contacts.last7Days") == 1;
        });

        agent().pathParam("customerId", merged).when().get(BY_ID)
                .then().statusCode(200)
                .body("known", equalTo(true))
                .body("customerId", equalTo(survivor))
                .body("contacts.last7Days", equalTo(1));
        agent().queryParam("phone", mergedPhone).when().get(BY_IDENTITY)
                .then().statusCode(200)
                .body("known", equalTo(true))
                .body("customerId", equalTo(survivor));
    }

    @Test
    void anUnknownCallerGetsTheDefaultCard() {
        agent().queryParam("phone", newPhone()).when().get(BY_IDENTITY)
                .then().statusCode(200)
                .body("known", equalTo(false))
                .body("customerId", nullValue())
                .body("score", nullValue())
                .body("recommendation.handling", equalTo("STANDARD"))
                .body("recommendation.crossSell", equalTo("AVOID"))
                .body("recommendation.crossSellReasons[0]", equalTo("unknown caller: no history"));
        String unknown = newCustomerId();
        agent().pathParam("customerId", unknown).when().get(BY_ID)
                .then().statusCode(200)
                .body("known", equalTo(false))
                .body("customerId", equalTo(unknown))
                .body("recommendation.handlingReasons[0]", equalTo("unknown caller: no history"));
    }

    @Test
    void requiresAToken() {
        given().pathParam("customerId", CUSTOMER).when().get(BY_ID).then().statusCode(401);
        given().queryParam("email", EMAIL).when().get(BY_IDENTITY).then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "manager", "admin"})
    void forbidsRolesOtherThanAgentAndAnalyst(String role) {
        given().auth().oauth2(TestTokens.withRoles(role)).pathParam("customerId", CUSTOMER)
                .when().get(BY_ID).then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(TestTokens.withRoles(role)).queryParam("email", EMAIL)
                .when().get(BY_IDENTITY).then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void neitherParameterIsABadRequest() {
        agent().when().get(BY_IDENTITY)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("phone"))
                .body("violations[0].in", equalTo("query"));
    }

    @Test
    void bothParametersAreABadRequest() {
        agent().queryParam("phone", PHONE).queryParam("email", EMAIL).when().get(BY_IDENTITY)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("email"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a number", "12", "++44"})
    void anUnparseablePhoneIsABadRequestNamingIt(String phone) {
        agent().queryParam("phone", phone).when().get(BY_IDENTITY)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo("phone"));
    }

    @Test
    void aMalformedEmailIsABadRequestNamingIt() {
        agent().queryParam("email", "nobody").when().get(BY_IDENTITY)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("email"));
    }

    @Test
    void aMalformedCustomerIdIsABadRequest() {
        agent().pathParam("customerId", "bad id").when().get(BY_ID)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("customerId"));
    }
}
