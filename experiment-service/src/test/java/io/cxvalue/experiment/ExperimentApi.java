package io.cxvalue.experiment;

import io.cxvalue.testsupport.TestTokens;
import io.restassured.response.ValidatableResponse;

import java.util.List;
import java.util.Map;

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

    /** A valid definition: AHT target (control) against take time, VOICE billing contacts, revenue primary. */
    public static Map<String, Object> definition(String name) {
        return Map.of(
                "name", name,
                "hypothesis", "Letting calls run as long as the customer needs raises 30-day revenue",
                "owner", "ana.analyst",
                "variants", List.of(
                        Map.of("key", "aht-target", "weight", 1, "control", true, "instruction", Map.of(
                                "handling", "STANDARD", "handleTimeTargetSeconds", 300,
                                "agentMessage", "Keep to the 5-minute handle-time target.")),
                        Map.of("key", "take-time", "weight", 1, "control", false, "instruction", Map.of(
                                "handling", "TAKE_TIME", "crossSell", "AVOID",
                                "agentMessage", "Take the time this caller needs; no cross-sell."))),
                "eligibility", Map.of("channels", List.of("VOICE"), "contactReasons", List.of("billing"),
                        "teams", List.of(), "valueTiers", List.of("GOLD", "SILVER")),
                "metrics", List.of(
                        Map.of("kind", "REVENUE", "role", "PRIMARY"),
                        Map.of("kind", "CSAT_TOP2", "role", "SECONDARY"),
                        Map.of("kind", "FOLLOW_UP_CONTACTS", "role", "GUARDRAIL", "allowedDegradation", 0.1)),
                "outcomeWindowDays", 30,
                "prePeriodDays", 30,
                "planning", Map.of("alpha", 0.05, "power", 0.8, "minimumDetectableEffect", 2.0),
                "economics", Map.of("currency", "EUR", "costPerAgentMinute", 0.9, "costPerContact", 0.5));
    }
}
