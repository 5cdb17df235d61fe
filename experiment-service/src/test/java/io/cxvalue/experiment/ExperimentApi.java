package io.cxvalue.experiment;

import io.cxvalue.testsupport.TestTokens;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;

/** Calls to the service's experiment API as an analyst. */
public final class ExperimentApi {

    private ExperimentApi() {
    }

    public static ValidatableResponse contacts(String experimentId) {
        return given()
                .auth().oauth2(TestTokens.withRoles("analyst"))
                .when().get("/api/v1/experiments/{experimentId}/contacts", experimentId)
                .then();
    }

    /** Total contacts of the experiment, or 0 while it has none (404). */
    public static long totalContacts(String experimentId) {
        var response = contacts(experimentId).extract();
        return response.statusCode() == 404 ? 0 : response.jsonPath().getLong("total");
    }
}
