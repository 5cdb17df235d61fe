package io.cxvalue.ingestion;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.CustomerUpserted;
import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.Identity;
import io.cxvalue.contracts.events.IdentityKind;
import io.cxvalue.testsupport.KafkaTestClient;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Customer profiles from a CRM: upsert idempotent on (source, externalId), identities linked and merged. */
@QuarkusTest
class CustomerProfileTest {

    private static String digits() {
        return String.format("%06d", (int) (Math.random() * 1_000_000));
    }

    private static String profile(String externalId, String displayName, String segment, String identities) {
        return "{\"source\":\"crm\",\"externalId\":\"" + externalId + "\",\"displayName\":\"" + displayName
                + "\",\"attributes\":{\"segment\":\"" + segment + "\",\"region\":\"north\"},\"identities\":"
                + identities + "}";
    }

    private static ValidatableResponse post(String body) {
        return given().auth().oauth2(TestTokens.withRoles("ingest")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/customers").then();
    }

    private static List<CustomerUpserted> upserts(String customerId, int expected) {
        return RecordResourceTest.recordsOf(Topics.CUSTOMERS, customerId, expected).stream()
                .filter(r -> EventType.CUSTOMER_UPSERTED.ceType().equals(KafkaTestClient.header(r,
                        CloudEventHeaders.TYPE)))
                .map(r -> EventJson.read(r.value(), CustomerUpserted.class))
                .filter(event -> event.displayName() != null)
                .toList();
    }

    @Test
    void aProfileIsAppliedOncePerVersionAndPublishedWithEveryIdentity() {
        String externalId = "C-" + UUID.randomUUID();
        String number = digits();
        String email = "Ada." + UUID.randomUUID() + "@Example.org";
        String identities = "{\"phones\":[\"07700 9" + number.substring(1) + "\"],\"emails\":[\"" + email
                + "\"],\"crmIds\":[\"" + externalId + "\"],\"social\":[{\"network\":\"twitter\",\"handle\":\"@ada"
                + number + "\"}]}";
        String customerId = post(profile(externalId, "Ada Lovelace", "gold", identities))
                .statusCode(201)
                .body("status", equalTo("ACCEPTED"))
                .extract().path("customerId");

        post(profile(externalId, "Ada Lovelace", "gold", identities))
                .statusCode(200)
                .body("status", equalTo("DUPLICATE"))
                .body("customerId", equalTo(customerId));
        post(profile(externalId, "Ada Lovelace", "platinum", identities))
                .statusCode(201)
                .body("customerId", equalTo(customerId));

        List<CustomerUpserted> published = upserts(customerId, 3);
        assertEquals(2, published.size(), "one event per version, none for the unchanged resubmission");
        assertEquals("gold", published.get(0).attributes().get("segment"));
        assertEquals("platinum", published.get(1).attributes().get("segment"));
        CustomerUpserted latest = published.get(1);
        assertEquals("Ada Lovelace", latest.displayName());
        assertTrue(latest.identities().containsAll(List.of(
                new Identity(IdentityKind.PHONE, "+447700" + "9" + number.substring(1), null),
                new Identity(IdentityKind.EMAIL, email.toLowerCase(), null),
                new Identity(IdentityKind.CRM_ID, externalId, null),
                new Identity(IdentityKind.SOCIAL, "ada" + number, "x"))), latest.identities().toString());

        given().auth().oauth2(TestTokens.withRoles("admin"))
                .when().get("/api/v1/customers/" + customerId)
                .then().statusCode(200)
                .body("displayName", equalTo("Ada Lovelace"))
                .body("attributes.segment", equalTo("platinum"))
                .body("identities.kind", hasItem("SOCIAL"))
                .body("mergedInto", nullValue());

        // An interaction naming the phone in another format belongs to the profile's customer.
        String interactionId = given().auth().oauth2(TestTokens.withRoles("ingest")).contentType(ContentType.JSON)
                .body(Interactions.voiceCall(Interactions.unique("call"), "c-placeholder")
                        .replace("\"customerId\":\"c-placeholder\",",
                                "\"customer\":{\"phone\":\"+44 7700 9" + number.substring(1) + "\"},"))
                .when().post("/api/v1/interactions")
                .then().statusCode(201).extract().path("interactionId");
        given().auth().oauth2(TestTokens.withRoles("ingest"))
                .when().get("/api/v1/interactions/" + interactionId)
                .then().statusCode(200).body("customerId", equalTo(customerId));
    }

    @Test
    void aProfileThatJoinsTwoKnownCustomersMergesThemIntoTheOlder() {
        String emailA = UUID.randomUUID() + "@example.com";
        String emailB = UUID.randomUUID() + "@example.com";
        String older = post(profile("A-" + UUID.randomUUID(), "A", "s", "{\"emails\":[\"" + emailA + "\"]}"))
                .statusCode(201).extract().path("customerId");
        String younger = post(profile("B-" + UUID.randomUUID(), "B", "s", "{\"emails\":[\"" + emailB + "\"]}"))
                .statusCode(201).extract().path("customerId");
        assertNotEquals(older, younger);

        post(profile("AB-" + UUID.randomUUID(), "A B", "s",
                "{\"emails\":[\"" + emailB + "\",\"" + emailA + "\"]}"))
                .statusCode(201)
                .body("customerId", equalTo(older));

        List<ConsumerRecord<String, String>> merges = KafkaTestClient.readUntil(Topics.CUSTOMERS,
                Duration.ofSeconds(20), records -> records.stream().anyMatch(r -> isMergeOf(r, younger)));
        CustomersMerged merged = merges.stream().filter(r -> isMergeOf(r, younger))
                .map(r -> EventJson.read(r.value(), CustomersMerged.class)).findFirst().orElseThrow();
        assertEquals(older, merged.customerId());
        given().auth().oauth2(TestTokens.withRoles("ingest"))
                .when().get("/api/v1/customers/" + younger)
                .then().statusCode(200).body("mergedInto", equalTo(older));
    }

    private static boolean isMergeOf(ConsumerRecord<String, String> record, String loser) {
        return EventType.CUSTOMERS_MERGED.ceType().equals(KafkaTestClient.header(record, CloudEventHeaders.TYPE))
                && EventJson.read(record.value(), CustomersMerged.class).mergedCustomerIds().contains(loser);
    }

    @Test
    void invalidProfilesAreFieldErrorsAndStoreNothing() {
        String externalId = "BAD-" + UUID.randomUUID();
        post(profile(externalId, "X", "s", "{\"phones\":[\"+44 7700 900123\",\"not a phone\"]}"))
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("identities.phones[1]"));
        post(profile(externalId, "X", "s", "{}"))
                .statusCode(400)
                .body("violations.field", hasItem("customerId"));
        post("{\"source\":\"crm\",\"externalId\":\"" + externalId + "\",\"attributes\":{\"9bad key\":\"v\"},"
                + "\"identities\":{\"emails\":[\"x" + UUID.randomUUID() + "@example.com\"]}}")
                .statusCode(400)
                .body("violations[0].field", equalTo("attributes"));
        post(profile(externalId, "X", "s", "{\"social\":[{\"network\":\"x\",\"handle\":\"a b\"}]}"))
                .statusCode(400)
                .body("violations.field", contains("identities.social[0].handle"));
        // Nothing of the refused versions was kept: the first valid one is new, not a duplicate.
        post(profile(externalId, "X", "s", "{\"emails\":[\"y" + UUID.randomUUID() + "@example.com\"]}"))
                .statusCode(201);
    }

    @Test
    void erasureRemovesTheProfileAndItsRecordOfTheCrm() {
        String externalId = "E-" + UUID.randomUUID();
        String body = profile(externalId, "Grace Hopper", "gold",
                "{\"emails\":[\"g" + UUID.randomUUID() + "@example.com\"]}");
        String customerId = post(body).statusCode(201).extract().path("customerId");
        given().auth().oauth2(TestTokens.withRoles("admin"))
                .when().delete("/api/v1/customers/" + customerId).then().statusCode(202);
        given().auth().oauth2(TestTokens.withRoles("admin"))
                .when().get("/api/v1/customers/" + customerId)
                .then().statusCode(200)
                .body("displayName", nullValue())
                .body("attributes", equalTo(Map.of()))
                .body("identities", equalTo(List.of()));
        // The CRM sends the record again: ingestion no longer knows it, so it is a new customer.
        String again = post(body).statusCode(201).body("status", equalTo("ACCEPTED")).extract().path("customerId");
        assertNotEquals(customerId, again);
    }

    @Test
    void rolesAndUnknownCustomers() {
        given().contentType(ContentType.JSON).body(profile("R-1", "X", "s", "{\"crmIds\":[\"R-1\"]}"))
                .when().post("/api/v1/customers").then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("agent")).contentType(ContentType.JSON)
                .body(profile("R-1", "X", "s", "{\"crmIds\":[\"R-1\"]}"))
                .when().post("/api/v1/customers").then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("agent"))
                .when().get("/api/v1/customers/anyone").then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("ingest"))
                .when().get("/api/v1/customers/no-such-customer")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No customer with id no-such-customer"));
    }
}
