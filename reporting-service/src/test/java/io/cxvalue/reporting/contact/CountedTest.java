package io.cxvalue.reporting.contact;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.reporting.kpi.IssueChains;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the rollups count of a contact, and which of its recorded states a rollup document counts. */
class CountedTest {

    private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    private static final ContactFact FACT = new ContactFact("x", "cust-x", Channel.CHAT, Direction.INBOUND, T0, 5,
            100, 0, 10, false, true, 0, "agent-1", "team-a", "dept", "billing", null, false, false, null, null,
            null, null);
    private static final ContactRecord.Survey S1 = new ContactRecord.Survey("s1", T0, 5, null, null, 4);
    private static final ContactRecord.Survey S2 = new ContactRecord.Survey("s2", T0, 1, null, null, 1);
    private static final ContactRecord.Evaluation E1 = new ContactRecord.Evaluation("e1", "qa", T0, 80, Map.of());
    private static final IssueChains.Role OPENER = new IssueChains.Role(false,
            new IssueChains.Issue(1, T0.plusSeconds(7 * 86_400), 0, 0, 1, true, 60L));

    @Test
    void theStateCountedIsTheCurrentOneWithOnlyTheAttachmentsCountedAndTheRoleCounted() {
        ContactRecord then = new ContactRecord(FACT, List.of(S1), List.of(), List.of(), null);
        Counted counted = Counted.of(then, 3);
        ContactRecord now = new ContactRecord(FACT, List.of(S1, S2), List.of(E1), List.of(), OPENER);

        assertEquals(then, counted.asCountedFrom(now));
        assertTrue(counted.counts(then));
        assertFalse(counted.counts(now));
        assertTrue(Counted.of(now, 4).counts(now));
    }

    @Test
    void aDocumentCountsTheNewestStateRecordedAtOrBeforeItsLastUpdate() {
        Counted two = Counted.of(new ContactRecord(FACT, List.of(), List.of(), List.of(), null), 2);
        Counted five = Counted.of(new ContactRecord(FACT, List.of(S1), List.of(), List.of(), null), 5);
        Counted nine = Counted.of(new ContactRecord(FACT, List.of(S1), List.of(E1), List.of(), OPENER), 9);
        List<Counted> history = List.of(two, five, nine);

        assertNull(Counted.includedIn(history, 1), "written before the contact was first counted");
        assertEquals(two, Counted.includedIn(history, 2));
        assertEquals(two, Counted.includedIn(history, 4));
        assertEquals(five, Counted.includedIn(history, 8), "update 9 stopped before writing this document");
        assertEquals(nine, Counted.includedIn(history, 12));
    }

    @Test
    void theHistoryKeepsWhatADocumentNotYetRewrittenCountsAndTheNewState() {
        Counted two = Counted.of(new ContactRecord(FACT, List.of(), List.of(), List.of(), null), 2);
        Counted five = Counted.of(new ContactRecord(FACT, List.of(S1), List.of(), List.of(), null), 5);
        Counted next = Counted.of(new ContactRecord(FACT, List.of(S1, S2), List.of(), List.of(), null), 11);

        assertEquals(List.of(two, five, next), Counted.keep(java.util.Arrays.asList(two, five, five, null), next));
        assertEquals(List.of(next), Counted.keep(java.util.Arrays.asList(null, null), next));
    }
}
