package io.cxvalue.scoring;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactHistoryTest {

    private static final Instant AS_OF = Instant.parse("2026-03-31T12:00:00Z");
    private final List<ContactLogEntry> log = new ArrayList<>();
    private int ids;

    @Test
    void countsContactsOfTheLast7And30DaysUpToTheInstant() {
        contact(daysAgo(0), "billing", true, null);          // at asOf: counts
        contact(daysAgo(6.9), "billing", true, null);        // within 7 days
        contact(daysAgo(7), "delivery", true, null);         // exactly 7 days ago: outside (asOf - 7d, asOf]
        contact(daysAgo(29), "delivery", true, null);
        contact(daysAgo(30), "delivery", true, null);        // exactly 30 days ago: outside
        contact(AS_OF.plusSeconds(1), "billing", true, null); // after asOf: not yet

        ContactHistory history = history();
        assertEquals(2, history.contactsLast7Days());
        assertEquals(4, history.contactsLast30Days());
    }

    @Test
    void anOpenIssueIsTheLatestHandledContactNotMarkedResolved() {
        contact(daysAgo(3), "billing", true, null);
        contact(daysAgo(2), "refund", false, null);
        abandoned(daysAgo(1));

        ContactHistory history = history();
        assertTrue(history.openIssue());
        assertEquals("refund", history.openIssueReason());
        // The last contact is still the abandoned one.
        assertTrue(history.lastContact().abandoned());
    }

    @Test
    void anUnrecordedResolutionLeavesTheIssueOpenAndAResolvedOneClosesIt() {
        contact(daysAgo(2), "refund", null, null);
        assertTrue(history().openIssue());

        contact(daysAgo(1), "refund", true, null);
        assertFalse(history().openIssue());
        assertNull(history().openIssueReason());
    }

    @Test
    void aRepeatCallerContactedTwiceAboutOneReasonWithinTheRepeatWindow() {
        contact(daysAgo(10), "delivery", true, null);
        contact(daysAgo(5), "delivery", true, null);
        contact(daysAgo(4), "billing", true, null);
        assertFalse(history().repeatCaller(), "delivery twice, but 10 days apart");

        contact(daysAgo(1), "billing", true, null);
        ContactHistory history = history();
        assertTrue(history.repeatCaller());
        assertEquals("billing", history.repeatReason());
    }

    @Test
    void contactsWithoutAReasonDoNotMakeARepeatCaller() {
        contact(daysAgo(2), null, true, null);
        contact(daysAgo(1), null, true, null);

        assertFalse(history().repeatCaller());
    }

    @Test
    void theRepeatWindowIsConfigurable() {
        contact(daysAgo(10), "delivery", true, null);
        contact(daysAgo(5), "delivery", true, null);

        ContactHistory history = ContactHistory.of(log, AS_OF,
                new ContactHistory.Rules(Duration.ofDays(30), Duration.ofDays(14)));
        assertTrue(history.repeatCaller());
    }

    @Test
    void lastSentimentIsTheLatestMeasuredOne() {
        contact(daysAgo(3), "billing", true, -0.6);
        contact(daysAgo(1), "billing", true, null);

        ContactHistory history = history();
        assertEquals(-0.6, history.lastSentiment());
        assertEquals(daysAgo(3), history.lastSentimentAt());
        assertEquals(daysAgo(1), history.lastContact().startedAt());
    }

    @Test
    void nothingInTheWindowIsTheEmptyHistory() {
        contact(daysAgo(31), "billing", false, 0.2);

        assertSame(ContactHistory.NONE, history());
    }

    @Test
    void theWindowsMustBeConsistent() {
        assertThrows(IllegalArgumentException.class,
                () -> new ContactHistory.Rules(Duration.ofDays(20), Duration.ofDays(7)));
        assertThrows(IllegalArgumentException.class,
                () -> new ContactHistory.Rules(Duration.ofDays(30), Duration.ofDays(31)));
    }

    private ContactHistory history() {
        return ContactHistory.of(log, AS_OF, ContactHistory.Rules.DEFAULT);
    }

    private static Instant daysAgo(double days) {
        return AS_OF.minusSeconds(Math.round(days * 86_400));
    }

    private void contact(Instant startedAt, String reason, Boolean resolved, Double sentiment) {
        log.add(ContactLogEntry.of(interaction(startedAt, false, reason, resolved, sentiment), "c-1"));
    }

    private void abandoned(Instant startedAt) {
        log.add(ContactLogEntry.of(interaction(startedAt, true, null, null, null), "c-1"));
    }

    private InteractionRecorded interaction(Instant startedAt, boolean abandoned, String reason, Boolean resolved,
            Double sentiment) {
        String id = "i-" + (++ids);
        return new InteractionRecorded(id, "test", "ext-" + id, "c-1", Channel.VOICE, Direction.INBOUND, startedAt,
                10, abandoned ? null : 100, null, null, abandoned, null, null, null, reason, 0, resolved, sentiment,
                null, null, null);
    }
}
