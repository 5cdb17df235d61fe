package io.cxvalue.experiment;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.InteractionRecorded;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariantContactTest {

    @Test
    void anInteractionUnderAVariantIsObservedWithItsOwnFacts() {
        InteractionRecorded interaction = TestInteractions.handledUnder("exp-1", "aht-target", "cust-1");

        VariantContact contact = VariantContact.observedIn("event-1", interaction).orElseThrow();

        assertEquals("exp-1", contact.experimentId());
        assertEquals(interaction.interactionId(), contact.interactionId());
        assertEquals("aht-target", contact.variant());
        assertEquals("cust-1", contact.customerId());
        assertEquals("event-1", contact.eventId());
        assertEquals(Channel.VOICE, contact.channel());
        assertEquals(Instant.parse("2026-03-02T09:15:00Z"), contact.startedAt());
        assertEquals(240, contact.handleSeconds());
        assertFalse(contact.abandoned());
        assertEquals(Boolean.TRUE, contact.resolved());
    }

    @Test
    void anInteractionOutsideExperimentsIsNotAnObservation() {
        Optional<VariantContact> contact =
                VariantContact.observedIn("event-2", TestInteractions.withoutExperiment("cust-1"));

        assertTrue(contact.isEmpty());
    }

    @Test
    void experimentContactsSortVariantsByNameAndTotalTheirContacts() {
        ExperimentContacts contacts = new ExperimentContacts("exp-1", List.of(
                new VariantContacts("unlimited-time", 2, 2),
                new VariantContacts("Z-upper-case-sorts-first", 4, 1),
                new VariantContacts("aht-target", 1, 1)));

        assertEquals(List.of("Z-upper-case-sorts-first", "aht-target", "unlimited-time"),
                contacts.variants().stream().map(VariantContacts::variant).toList());
        assertEquals(7, contacts.total());
    }
}
