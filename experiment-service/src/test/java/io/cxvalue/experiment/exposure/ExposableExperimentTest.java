package io.cxvalue.experiment.exposure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.Eligibility;
import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.contracts.events.HandlingInstruction;
import io.cxvalue.contracts.events.HandlingMode;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.experiment.outcome.CustomerEvent;
import io.cxvalue.contracts.experiments.VariantAssignment;

class ExposableExperimentTest {

    static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    static final List<ExperimentVariantDefinition> VARIANTS = List.of(
            new ExperimentVariantDefinition("control", 3, true,
                    new HandlingInstruction(HandlingMode.STANDARD, 300, null, "As usual.")),
            new ExperimentVariantDefinition("take-time", 1, false,
                    new HandlingInstruction(HandlingMode.TAKE_TIME, null, null, "Take your time.")));

    static CustomerEvent contact(String customer, Channel channel, String reason, String team, Instant at) {
        return CustomerEvent.contact(1, new InteractionRecorded("i-1", "test", "x-1", customer, channel,
                Direction.INBOUND, at, 5, 100, 0, 10, false, "agent-1", team, null, reason, 0, true, null, null, null,
                null));
    }

    static ExposableExperiment experiment(Eligibility eligibility, Instant stoppedAt) {
        return new ExposableExperiment("exp-1", "salt-1", VARIANTS, eligibility, START, stoppedAt);
    }

    @Test
    void aContactInTheWindowExposesItsCustomerToTheHashedVariant() {
        ExposableExperiment e = experiment(new Eligibility(List.of(), List.of(), List.of(), List.of()), null);
        for (int i = 0; i < 200; i++) {
            String customer = "c-" + i;
            String expected = VARIANTS.get(VariantAssignment.variantIndex("salt-1", customer, new int[] {3, 1})).key();
            assertEquals(Optional.of(expected), e.variantFor(contact(customer, Channel.CHAT, null, null,
                    START.plusSeconds(60)), null));
        }
        assertEquals(Optional.empty(), e.variantFor(contact("c-1", Channel.VOICE, null, null,
                START.minusSeconds(1)), null), "before the start");
    }

    @Test
    void aStoppedExperimentExposesOnlyContactsFromBeforeItsStop() {
        ExposableExperiment e = experiment(new Eligibility(List.of(), List.of(), List.of(), List.of()),
                START.plusSeconds(3600));
        assertEquals(true, e.variantFor(contact("c-1", Channel.VOICE, null, null, START.plusSeconds(3599)), null)
                .isPresent());
        assertEquals(Optional.empty(), e.variantFor(contact("c-1", Channel.VOICE, null, null,
                START.plusSeconds(3600)), null));
    }

    @Test
    void everyListedConditionMustHold() {
        ExposableExperiment e = experiment(new Eligibility(List.of(Channel.VOICE), List.of("billing"),
                List.of("team-a"), List.of("GOLD")), null);
        Instant at = START.plusSeconds(60);
        assertEquals(true, e.variantFor(contact("c-1", Channel.VOICE, "billing", "team-a", at), "GOLD").isPresent());
        assertEquals(Optional.empty(), e.variantFor(contact("c-1", Channel.CHAT, "billing", "team-a", at), "GOLD"));
        assertEquals(Optional.empty(), e.variantFor(contact("c-1", Channel.VOICE, "delivery", "team-a", at), "GOLD"));
        assertEquals(Optional.empty(), e.variantFor(contact("c-1", Channel.VOICE, "billing", null, at), "GOLD"));
        assertEquals(Optional.empty(), e.variantFor(contact("c-1", Channel.VOICE, "billing", "team-a", at), "SILVER"));
        assertEquals(Optional.empty(), e.variantFor(contact("c-1", Channel.VOICE, "billing", "team-a", at), null),
                "an unscored customer has no tier");
    }
}
