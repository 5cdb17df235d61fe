package io.cxvalue.scoring.rest;

import static io.cxvalue.scoring.CustomerEvents.upserted;
import static io.cxvalue.scoring.Interactions.interaction;
import static io.cxvalue.scoring.Interactions.newCustomerId;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.CrossSellRule;
import io.cxvalue.contracts.events.Eligibility;
import io.cxvalue.contracts.events.ExperimentDecided;
import io.cxvalue.contracts.events.ExperimentStarted;
import io.cxvalue.contracts.events.ExperimentStopped;
import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.contracts.events.HandlingInstruction;
import io.cxvalue.contracts.events.HandlingMode;
import io.cxvalue.contracts.experiments.VariantAssignment;
import io.cxvalue.scoring.ScoringDatabase;
import io.cxvalue.testsupport.CloudEventRecords;
import io.cxvalue.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The caller card names the running test programs the caller is in, with their variant's instruction. */
@QuarkusTest
class CallerExperimentCardTest {

    static JsonPath card(String customerId) {
        return given().auth().oauth2(TestTokens.withRoles("agent")).pathParam("customerId", customerId)
                .when().get("/api/v1/callers/{customerId}").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aStartedExperimentShowsOnTheCardUntilItStops() {
        String customer = newCustomerId();
        Instant now = Instant.now();
        CloudEventRecords.publish(upserted(customer, now.minusSeconds(7200)));
        CloudEventRecords.publish(interaction(customer, Channel.VOICE, now.minusSeconds(3600), false, "billing", 0.1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> card(customer).getBoolean("known"));

        String id = "exp-" + UUID.randomUUID();
        String goldOnly = "exp-" + UUID.randomUUID();
        List<ExperimentVariantDefinition> variants = List.of(
                new ExperimentVariantDefinition("aht-target", 1, true,
                        new HandlingInstruction(HandlingMode.STANDARD, 300, null, "Keep to the 5-minute target.")),
                new ExperimentVariantDefinition("take-time", 1, false,
                        new HandlingInstruction(HandlingMode.TAKE_TIME, null, CrossSellRule.AVOID,
                                "Take the time this caller needs.")));
        Eligibility anyone = new Eligibility(List.of(), List.of(), List.of(), List.of());
        CloudEventRecords.publish(new ExperimentStarted(id, "AHT target vs take time", "salt-" + id, variants,
                anyone, 30, now.minusSeconds(60), "ana.analyst"));
        CloudEventRecords.publish(new ExperimentStarted(goldOnly, "Gold only", "salt-" + goldOnly, variants,
                new Eligibility(List.of(), List.of(), List.of(), List.of("GOLD")), 30, now.minusSeconds(30), "ana"));

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> card(customer).getList("experiments.experimentId").contains(id));
        JsonPath shown = card(customer);
        int expected = VariantAssignment.variantIndex("salt-" + id, customer, new int[] {1, 1});
        assertEquals(List.of(id), shown.getList("experiments.experimentId"),
                "the unscored caller has no tier, so the GOLD-only experiment is not shown");
        assertEquals(variants.get(expected).key(), shown.getString("experiments[0].variant"));
        assertEquals(variants.get(expected).instruction().handling().name(),
                shown.getString("experiments[0].handling"));
        assertEquals(variants.get(expected).instruction().agentMessage(),
                shown.getString("experiments[0].agentMessage"));
        assertEquals("AHT target vs take time", shown.getString("experiments[0].name"));

        CloudEventRecords.publish(new ExperimentStopped(id, Instant.now(), "ana.analyst", "enough data"));
        CloudEventRecords.publish(new ExperimentStopped(goldOnly, Instant.now(), "ana.analyst", null));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> card(customer).getList("experiments").isEmpty());
    }

    @Test
    void aDecisionRolledOutToATierBecomesTheCardsRecommendationForThatTier() {
        Instant now = Instant.now();
        String top = newCustomerId();
        String low = newCustomerId();
        for (String customer : List.of(top, low)) {
            CloudEventRecords.publish(upserted(customer, now.minusSeconds(7200)));
            CloudEventRecords.publish(interaction(customer, Channel.VOICE, now.minusSeconds(3600), false, "billing",
                    0.5));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> card(top).getBoolean("known") && card(low).getBoolean("known"));
        ScoringDatabase.update("""
                insert into customer_score (customer_id, model_version, x, t_x, t_cal, horizon_months,
                    expected_transactions, p_alive, expected_spend, clv, currency, value_tier, churn_risk, scored_at)
                values (?, 'm1', 3, 100, 300, 12, 2.0, 0.9, 50, 900, 'EUR', ?, 'LOW', now())""", top, "TOP");
        ScoringDatabase.update("""
                insert into customer_score (customer_id, model_version, x, t_x, t_cal, horizon_months,
                    expected_transactions, p_alive, expected_spend, clv, currency, value_tier, churn_risk, scored_at)
                values (?, 'm1', 3, 100, 300, 12, 2.0, 0.9, 50, 90, 'EUR', ?, 'LOW', now())""", low, "LOW");
        String before = card(low).getString("recommendation.handling");

        String id = "exp-" + UUID.randomUUID();
        HandlingInstruction takeTime = new HandlingInstruction(HandlingMode.TAKE_TIME, null, CrossSellRule.AVOID,
                "Take the time this caller needs.");
        CloudEventRecords.publish(new ExperimentDecided(id, "Take time for TOP", "take-time", takeTime, true,
                List.of("TOP"), now, "ana.analyst", "Revenue up for TOP callers"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> card(top)
                .getList("recommendation.handlingReasons", String.class).stream()
                .anyMatch(r -> r.contains("Take time for TOP")));
        JsonPath shown = card(top);
        assertEquals("TAKE_TIME", shown.getString("recommendation.handling"));
        assertEquals("AVOID", shown.getString("recommendation.crossSell"));
        String reason = shown.getString("recommendation.handlingReasons[0]");
        assertTrue(reason.startsWith("tested policy for TOP callers from the test program 'Take time for TOP' "
                + "(variant 'take-time', decided "), reason);
        assertTrue(reason.endsWith("by ana.analyst): Take the time this caller needs."), reason);
        assertEquals(before, card(low).getString("recommendation.handling"), "another tier keeps its policy");
        assertFalse(card(low).getList("recommendation.handlingReasons", String.class).stream()
                .anyMatch(r -> r.contains("tested policy")));
    }
}
