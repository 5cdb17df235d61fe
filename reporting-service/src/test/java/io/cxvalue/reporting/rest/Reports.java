package io.cxvalue.reporting.rest;

import io.cxvalue.testsupport.TestTokens;
import io.restassured.response.ValidatableResponse;

import java.time.Instant;

import static io.restassured.RestAssured.given;

/** Calls of the team-contacts endpoint as a test user. */
public final class Reports {

    public static final String TEAM_CONTACTS = "/api/v1/teams/{teamId}/contacts";

    private Reports() {
    }

    /** The team's contacts over all time, as a manager. */
    public static ValidatableResponse teamContacts(String teamId) {
        return given().auth().oauth2(TestTokens.withRoles(Roles.MANAGER))
                .when().get(TEAM_CONTACTS, teamId)
                .then();
    }

    /** The team's contacts started in [from, to), as a manager. */
    public static ValidatableResponse teamContacts(String teamId, Instant from, Instant to) {
        return given().auth().oauth2(TestTokens.withRoles(Roles.MANAGER))
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .when().get(TEAM_CONTACTS, teamId)
                .then();
    }

    /** How many contacts the team has over all time (asserting the call succeeds). */
    public static int contactCount(String teamId) {
        return teamContacts(teamId).statusCode(200).extract().path("contacts");
    }
}
