package io.cxvalue.reporting.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cxvalue.reporting.kpi.IssueChains.Chain;
import io.cxvalue.reporting.kpi.IssueChains.Contact;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Issue chains on hand-built contact sequences whose figures are written out here. */
class IssueChainsTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final Duration WEEK = Duration.ofDays(7);

    static Contact contact(String id, Duration after, String reason, String channel, int transfers, Boolean resolved) {
        Instant start = T0.plus(after);
        return new Contact(id, start, start.plusSeconds(300), reason, channel, transfers, resolved);
    }

    @Test
    void aRepeatExactlyAtTheWindowContinuesTheIssueAndOneSecondLaterOpensANewOne() {
        List<Chain> chains = IssueChains.of(List.of(
                contact("a", Duration.ZERO, "billing", "VOICE", 0, false),
                contact("b", WEEK, "billing", "VOICE", 0, true),
                contact("c", WEEK.multipliedBy(2).plusSeconds(1), "billing", "VOICE", 0, true)),
                WEEK, T0.plus(Duration.ofDays(30)));
        assertEquals(2, chains.size());
        assertEquals(List.of("a", "b"), chains.get(0).contacts().stream().map(Contact::interactionId).toList());
        assertEquals(List.of("c"), chains.get(1).contacts().stream().map(Contact::interactionId).toList());
        assertFalse(chains.get(0).firstContactResolved());
        assertTrue(chains.get(1).firstContactResolved());
        assertEquals(1, IssueChains.repeatContacts(chains));
    }

    @Test
    void anIssueWhoseWindowIsStillOpenIsNotYetResolvedAtTheFirstContact() {
        Instant asOf = T0.plus(Duration.ofDays(3));
        List<Chain> chains = IssueChains.of(List.of(contact("a", Duration.ZERO, "billing", "VOICE", 0, true)), WEEK,
                asOf);
        assertFalse(chains.get(0).windowClosed());
        assertFalse(chains.get(0).firstContactResolved());
        // closed exactly when the window has passed
        assertTrue(IssueChains.of(List.of(contact("a", Duration.ZERO, "billing", "VOICE", 0, true)), WEEK,
                T0.plus(WEEK)).get(0).windowClosed());
    }

    @Test
    void reasonsChainSeparatelyAndANullReasonIsAReasonOfItsOwn() {
        List<Chain> chains = IssueChains.of(List.of(
                contact("a", Duration.ZERO, "billing", "VOICE", 0, null),
                contact("b", Duration.ofDays(1), "delivery", "CHAT", 0, null),
                contact("c", Duration.ofDays(2), null, "VOICE", 0, null),
                contact("d", Duration.ofDays(3), "billing", "EMAIL", 0, null),
                contact("e", Duration.ofDays(4), null, "VOICE", 0, null)),
                WEEK, T0.plus(Duration.ofDays(60)));
        assertEquals(3, chains.size());
        assertEquals(List.of("billing", "delivery", ""), chains.stream().map(Chain::contactReason).toList());
        assertEquals(List.of(2, 1, 2), chains.stream().map(Chain::touchpoints).toList());
        assertEquals(2, IssueChains.repeatContacts(chains));
    }

    @Test
    void runaroundCountsTransfersAndChannelSwitchesAndResolutionTimeNeedsAResolvedEnd() {
        List<Chain> chains = IssueChains.of(List.of(
                contact("a", Duration.ZERO, "billing", "VOICE", 2, false),
                contact("b", Duration.ofHours(2), "billing", "CHAT", 1, false),
                contact("c", Duration.ofDays(1), "billing", "CHAT", 0, false),
                contact("d", Duration.ofDays(2), "billing", "VOICE", 0, true)),
                WEEK, T0.plus(Duration.ofDays(60)));
        Chain issue = chains.get(0);
        assertEquals(4, issue.touchpoints());
        assertEquals(2 + 1 + 0 + 0 + 2, issue.runaround()); // transfers 3, switches VOICE->CHAT, CHAT->VOICE
        assertTrue(issue.endedResolved());
        assertEquals(Duration.ofDays(2).plusSeconds(300), issue.timeToResolution());
        Chain unresolved = IssueChains.of(List.of(contact("x", Duration.ZERO, "billing", "VOICE", 0, null)), WEEK,
                T0.plus(Duration.ofDays(60))).get(0);
        assertNull(unresolved.timeToResolution());
    }

    @Test
    void theOrderContactsArriveInDoesNotMatter() {
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            contacts.add(contact("k" + i, Duration.ofHours(i * 37L), i % 3 == 0 ? "billing" : "tech",
                    i % 2 == 0 ? "VOICE" : "CHAT", i % 4, i % 5 == 0));
        }
        List<Chain> expected = IssueChains.of(contacts, WEEK, T0.plus(Duration.ofDays(90)));
        Collections.shuffle(contacts, new Random(3));
        assertEquals(expected, IssueChains.of(contacts, WEEK, T0.plus(Duration.ofDays(90))));
    }
}
