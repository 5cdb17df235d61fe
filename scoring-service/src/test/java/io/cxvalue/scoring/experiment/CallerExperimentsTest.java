package io.cxvalue.scoring.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.CrossSellRule;
import io.cxvalue.contracts.events.Eligibility;
import io.cxvalue.contracts.events.ExperimentStarted;
import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.contracts.events.HandlingInstruction;
import io.cxvalue.contracts.events.HandlingMode;
import io.cxvalue.contracts.experiments.VariantAssignment;

class CallerExperimentsTest {

    static final List<ExperimentVariantDefinition> VARIANTS = List.of(
            new ExperimentVariantDefinition("aht-target", 1, true,
                    new HandlingInstruction(HandlingMode.STANDARD, 300, null, "Keep to 5 minutes.")),
            new ExperimentVariantDefinition("take-time", 1, false,
                    new HandlingInstruction(HandlingMode.TAKE_TIME, null, CrossSellRule.AVOID, "Take your time.")));

    static ExperimentStarted experiment(String id, Eligibility eligibility, Instant startedAt) {
        return new ExperimentStarted(id, "Test " + id, "salt-" + id, VARIANTS, eligibility, 30, startedAt, "ana");
    }

    static Eligibility anyone() {
        return new Eligibility(List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void theVariantIsTheSharedHashsAndCarriesItsInstruction() {
        ExperimentStarted e = experiment("exp-1", anyone(), Instant.parse("2026-12-01T00:00:00Z"));
        int takeTime = 0;
        for (int i = 0; i < 1_000; i++) {
            String customer = "c-" + i;
            List<CallerExperiments.Entry> entries = CallerExperiments.of(List.of(e), customer, null);
            assertEquals(1, entries.size());
            CallerExperiments.Entry entry = entries.get(0);
            int expected = VariantAssignment.variantIndex("salt-exp-1", customer, new int[] {1, 1});
            assertEquals(VARIANTS.get(expected).key(), entry.variant());
            assertEquals(VARIANTS.get(expected).instruction().handling(), entry.handling());
            assertEquals(VARIANTS.get(expected).instruction().agentMessage(), entry.agentMessage());
            assertEquals(expected == 0, entry.control());
            assertNull(entry.appliesWhen());
            takeTime += entry.handling() == HandlingMode.TAKE_TIME ? 1 : 0;
        }
        assertTrue(takeTime > 430 && takeTime < 570, "about half take time: " + takeTime);
    }

    @Test
    void valueTiersDecideHereContactConditionsAreStated() {
        Eligibility gold = new Eligibility(List.of(Channel.VOICE, Channel.CHAT), List.of("billing"),
                List.of("team-a"), List.of("GOLD"));
        ExperimentStarted e = experiment("exp-2", gold, Instant.parse("2026-12-01T00:00:00Z"));
        assertEquals(List.of(), CallerExperiments.of(List.of(e), "c-1", "SILVER"));
        assertEquals(List.of(), CallerExperiments.of(List.of(e), "c-1", null), "an unscored caller has no tier");
        CallerExperiments.Entry entry = CallerExperiments.of(List.of(e), "c-1", "GOLD").get(0);
        assertEquals("for contacts on VOICE or CHAT, about billing, handled by team team-a", entry.appliesWhen());
        assertTrue(entry.why().contains("'Test exp-2'"), entry.why());
    }

    @Test
    void experimentsAreListedInTheOrderTheyStarted() {
        ExperimentStarted later = experiment("exp-later", anyone(), Instant.parse("2026-12-02T00:00:00Z"));
        ExperimentStarted earlier = experiment("exp-earlier", anyone(), Instant.parse("2026-12-01T00:00:00Z"));
        assertEquals(List.of("exp-earlier", "exp-later"), CallerExperiments.of(List.of(later, earlier), "c-9", null)
                .stream().map(CallerExperiments.Entry::experimentId).toList());
    }
}
