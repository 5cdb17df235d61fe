package io.cxvalue.scoring;

import io.cxvalue.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Reads customer state through the REST API. */
public final class CustomerStateApi {

    public static final String PATH = "/api/v1/customers/{customerId}/state";

    /** Long enough for a consumer that is retrying a failed store update to get through. */
    private static final Duration EVENT_VISIBLE_WITHIN = Duration.ofSeconds(30);

    private CustomerStateApi() {
    }

    public static Response getState(String customerId, Instant asOf) {
        var request = given().auth().oauth2(TestTokens.withRoles("analyst")).pathParam("customerId", customerId);
        if (asOf != null) {
            request = request.queryParam("asOf", asOf.toString());
        }
        return request.when().get(PATH);
    }

    /** Waits until the customer's state as of {@code asOf} satisfies {@code until}; returns it for assertions. */
    public static ValidatableResponse awaitState(String customerId, Instant asOf, Predicate<JsonPath> until) {
        AtomicReference<String> last = new AtomicReference<>();
        try {
            return await().atMost(EVENT_VISIBLE_WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> getState(customerId, asOf),
                            response -> {
                                last.set(response.statusCode() + " " + response.body().asString());
                                return response.statusCode() == 200 && until.test(response.jsonPath());
                            })
                    .then();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("State of " + customerId + " as of " + asOf + " never matched; last: "
                    + last.get(), e);
        }
    }
}
