package io.cxvalue.ingestion;

import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Records may name their customer by identities; ingestion resolves them to one customer id. */
@QuarkusTest
class CustomerIdentificationTest {

    private static String byIdentities(String identities) {
        return Interactions.voiceCall(Interactions.unique("call"), "c-placeholder")
                .replace("\"customerId\":\"c-placeholder\",", "\"customer\":" + identities + ",");
    }

    private static String submit(String body) {
        return given().auth().oauth2(TestTokens.withRoles("ingest")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/interactions")
                .then().statusCode(201).extract().path("interactionId");
    }

    private static String customerOf(String interactionId) {
        return given().auth().oauth2(TestTokens.withRoles("ingest"))
                .when().get("/api/v1/interactions/" + interactionId)
                .then().statusCode(200).extract().path("customerId");
    }

    @Test
    void theSamePhoneInAnyFormatAndALinkedEmailLeadToOneCustomer() {
        String local = String.format("%05d", (int) (Math.random() * 100_000));
        String email = UUID.randomUUID() + "@Example.com";
        String first = customerOf(submit(byIdentities("{\"phone\":\"+44 7700 9" + local + "\"}")));
        String second = customerOf(submit(byIdentities("{\"phone\":\"07700 9" + local + "\",\"email\":\"" + email
                + "\"}")));
        String third = customerOf(submit(byIdentities("{\"email\":\"" + email.toLowerCase() + "\"}")));
        assertEquals(first, second);
        assertEquals(first, third);

        List<ConsumerRecord<String, String>> published = InteractionResourceTest.recordsOf(first, 3);
        assertEquals(3, published.size(), "all three keyed by the resolved customer");
        published.forEach(r -> assertEquals(first, EventJson.read(r.value(), InteractionRecorded.class).customerId()));
    }

    @Test
    void aSocialInteractionIsMappedToTheCustomerOnceTheHandleIsLinked() {
        String handle = "h" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String crm = "CRM-" + UUID.randomUUID();
        String viaHandle = customerOf(submit(byIdentities(
                "{\"social\":{\"network\":\"x\",\"handle\":\"@" + handle + "\"}}")));
        String viaCrm = customerOf(submit(byIdentities("{\"crmId\":\"" + crm + "\"}")));
        assertNotEquals(viaHandle, viaCrm);

        // The CRM links the handle to its customer: the two turn out to be one person.
        String linked = customerOf(submit(byIdentities("{\"crmId\":\"" + crm + "\",\"social\":{\"network\":\"twitter\","
                + "\"handle\":\"" + handle.toUpperCase() + "\"}}")));
        String later = customerOf(submit(byIdentities(
                "{\"social\":{\"network\":\"x\",\"handle\":\"" + handle + "\"}}")));
        assertEquals(linked, later);
        assertEquals(viaHandle, linked, "the older customer survives the merge");
    }

    @Test
    void unreadableIdentitiesAndNoCustomerAtAllAreFieldErrors() {
        given().auth().oauth2(TestTokens.withRoles("ingest")).contentType(ContentType.JSON)
                .body(byIdentities("{\"phone\":\"not a number\"}"))
                .when().post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("customer.phone"));
        given().auth().oauth2(TestTokens.withRoles("ingest")).contentType(ContentType.JSON)
                .body(byIdentities("{}"))
                .when().post("/api/v1/interactions")
                .then().statusCode(400)
                .body("violations.field", hasItem("customerId"));
        given().auth().oauth2(TestTokens.withRoles("ingest")).contentType(ContentType.JSON)
                .body(byIdentities("{\"social\":{\"network\":\"x\",\"handle\":\"a-b\"}}"))
                .when().post("/api/v1/interactions")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("customer.social.handle"));
    }
}
