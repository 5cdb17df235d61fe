package io.cxvalue.scoring;

import io.cxvalue.contracts.events.Channel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.cxvalue.scoring.Interactions.interaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CustomerContactSummaryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void countsContactsInTotalPerChannelAndAbandoned() {
        CustomerContactSummary summary = CustomerContactSummary.forNewCustomer("c-1");

        summary.record(interaction("c-1", Channel.VOICE, T0));
        summary.record(interaction("c-1", Channel.CHAT, T0.plusSeconds(60)));
        summary.record(interaction("c-1", Channel.VOICE, T0.plusSeconds(120), true, null, null));

        assertEquals(3, summary.contacts());
        assertEquals(1, summary.abandonedContacts());
        assertEquals(Map.of(Channel.VOICE, 2L, Channel.CHAT, 1L), summary.contactsByChannel());
        assertEquals(T0, summary.firstContactAt());
        assertEquals(T0.plusSeconds(120), summary.lastContactAt());
    }

    @Test
    void lastContactIsTheOneThatStartedLastNotTheOneRecordedLast() {
        CustomerContactSummary summary = CustomerContactSummary.forNewCustomer("c-1");
        var later = interaction("c-1", Channel.EMAIL, T0.plusSeconds(3600), false, "cancellation", -0.8);
        var earlier = interaction("c-1", Channel.VOICE, T0, false, "billing", 0.6);

        summary.record(later);
        summary.record(earlier);

        assertEquals(T0, summary.firstContactAt());
        assertEquals(T0.plusSeconds(3600), summary.lastContactAt());
        assertEquals(later.interactionId(), summary.lastInteractionId());
        assertEquals(Channel.EMAIL, summary.lastChannel());
        assertEquals("cancellation", summary.lastContactReason());
        assertEquals(-0.8, summary.lastSentiment());
    }

    @Test
    void lastContactDetailsComeFromOneContactEvenWhenItsOptionalFieldsAreMissing() {
        CustomerContactSummary summary = CustomerContactSummary.forNewCustomer("c-1");

        summary.record(interaction("c-1", Channel.VOICE, T0, false, "billing", 0.6));
        summary.record(interaction("c-1", Channel.WEB, T0.plusSeconds(10), false, null, null));

        assertEquals(Channel.WEB, summary.lastChannel());
        assertNull(summary.lastContactReason());
        assertNull(summary.lastSentiment());
    }

    @Test
    void contactsStartingAtTheSameInstantBothCountAndTheLaterRecordedIsLast() {
        CustomerContactSummary summary = CustomerContactSummary.forNewCustomer("c-1");
        var first = interaction("c-1", Channel.VOICE, T0);
        var second = interaction("c-1", Channel.SMS, T0);

        summary.record(first);
        summary.record(second);

        assertEquals(2, summary.contacts());
        assertEquals(second.interactionId(), summary.lastInteractionId());
    }

    @Test
    void refusesAnotherCustomersInteraction() {
        CustomerContactSummary summary = CustomerContactSummary.forNewCustomer("c-1");

        assertThrows(IllegalArgumentException.class,
                () -> summary.record(interaction("c-2", Channel.VOICE, T0)));
        assertEquals(0, summary.contacts());
    }

    @Test
    void channelCountsAreReadOnly() {
        CustomerContactSummary summary = CustomerContactSummary.forNewCustomer("c-1");
        summary.record(interaction("c-1", Channel.VOICE, T0));

        assertThrows(UnsupportedOperationException.class,
                () -> summary.contactsByChannel().put(Channel.CHAT, 5L));
    }

    @Test
    void absorbingAMergedCustomersSummaryAddsItsContactsAndKeepsTheLatestContact() {
        CustomerContactSummary survivor = CustomerContactSummary.forNewCustomer("c-1");
        survivor.record(interaction("c-1", Channel.VOICE, T0.plusSeconds(60), false, "billing", 0.1));
        CustomerContactSummary merged = CustomerContactSummary.forNewCustomer("c-2");
        merged.record(interaction("c-2", Channel.CHAT, T0, true, null, null));
        merged.record(interaction("c-2", Channel.VOICE, T0.plusSeconds(120), false, "refund", -0.3));

        survivor.absorb(merged);

        assertEquals(3, survivor.contacts());
        assertEquals(1, survivor.abandonedContacts());
        assertEquals(Map.of(Channel.VOICE, 2L, Channel.CHAT, 1L), survivor.contactsByChannel());
        assertEquals(T0, survivor.firstContactAt());
        assertEquals(T0.plusSeconds(120), survivor.lastContactAt());
        assertEquals("refund", survivor.lastContactReason());
        assertEquals(-0.3, survivor.lastSentiment());
    }

    @Test
    void aNewSummaryAbsorbingAMergedOneBecomesACopyOfIt() {
        CustomerContactSummary merged = CustomerContactSummary.forNewCustomer("c-2");
        merged.record(interaction("c-2", Channel.SMS, T0, false, "billing", 0.2));
        CustomerContactSummary survivor = CustomerContactSummary.forNewCustomer("c-1");

        survivor.absorb(merged);

        assertEquals(1, survivor.contacts());
        assertEquals(T0, survivor.firstContactAt());
        assertEquals(Channel.SMS, survivor.lastChannel());
        assertEquals("c-1", survivor.customerId());
    }
}
