package io.cxvalue.scoring;

import io.cxvalue.testsupport.TestTokens;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Reads contact summaries through the REST API, as the agent desktop does. */
public final class CustomerContactsApi {

    public static final String PATH = "/api/v1/customers/{customerId}/contacts";

    /** Long enough for a consumer that is retrying a failed store update to get through. */
    private static final Duration EVENT_VISIBLE_WITHIN = Duration.ofSeconds(30);

    private CustomerContactsApi() {
    }

    public static Response getContacts(String customerId) {
        return given().auth().oauth2(TestTokens.withRoles("agent"))
                .pathParam("customerId", customerId)
                .when().get(PATH);
    }

    /** Waits until the customer's summary shows {@code contacts} contacts, and returns it for further assertions. */
    public static ValidatableResponse awaitContacts(String customerId, int contacts) {
        return await().atMost(EVENT_VISIBLE_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> getContacts(customerId),
                        response -> response.statusCode() == 200 && response.jsonPath().getInt("contacts") == contacts)
                .then();
    }
}
