package io.cxvalue.reporting.kpi;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.reporting.contact.ContactFact;
import io.cxvalue.reporting.contact.ContactRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KPI cells on hand-built contacts whose figures are written out here. */
class KpiCellTest {

    static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    static final int SL = 20;

    static ContactFact handled(String id, int queue, int talk, int hold, int afterWork, int transfers) {
        return new ContactFact(id, "cust-" + id, Channel.VOICE, Direction.INBOUND, T0, queue, talk, hold, afterWork,
                false, true, transfers, "agent-1", "team-a", "dept", "billing", null, false, false, null, null,
                null, null);
    }

    static ContactFact abandoned(String id, Integer queue) {
        return new ContactFact(id, "cust-" + id, Channel.VOICE, Direction.INBOUND, T0, queue, null, null, null,
                true, null, 0, null, "team-a", "dept", "billing", null, false, false, null, null, null, null);
    }

    static ContactRecord record(ContactFact fact) {
        return new ContactRecord(fact, List.of(), List.of(), List.of(), null);
    }

    static KpiCell cell(List<ContactRecord> records, Instant asOf) {
        KpiCell cell = new KpiCell();
        records.forEach(r -> cell.add(r, asOf, SL));
        return cell;
    }

    @Test
    void serviceLevelLeavesOutContactsAbandonedWithinTheThresholdAndThoseWithoutAQueueTime() {
        // answered at 10 s (in time), 20 s (in time: the threshold is inclusive), 30 s (late);
        // abandoned at 5 s (left out), at 60 s (counts against), without a queue time (left out);
        // handled without a queue time (left out).
        KpiCell cell = cell(List.of(
                record(handled("a", 10, 100, 0, 0, 0)),
                record(handled("b", 20, 100, 0, 0, 0)),
                record(handled("c", 30, 100, 0, 0, 0)),
                record(abandoned("d", 5)),
                record(abandoned("e", 60)),
                record(abandoned("f", null)),
                record(new ContactFact("g", "cust-g", Channel.EMAIL, Direction.INBOUND, T0, null, 100, 0, 0, false,
                        true, 0, "agent-1", "team-a", "dept", "billing", null, false, false, null, null, null, null))),
                T0);
        assertEquals(new Measure.Figure(2.0 / 4, 4.0), Measure.SERVICE_LEVEL.of(cell));
        assertEquals(new Measure.Figure(7.0, null), Measure.CONTACTS_OFFERED.of(cell));
        assertEquals(new Measure.Figure(3.0 / 7, 7.0), Measure.ABANDONMENT_RATE.of(cell));
    }

    @Test
    void handleTimeAndItsPartsAverageOverHandledContactsWithQuantilesFromTheSketch() {
        List<ContactRecord> records = new ArrayList<>();
        // handle times 100, 200, ..., 1000 s: talk = handle - 30, hold 10, after-work 20
        for (int i = 1; i <= 10; i++) {
            records.add(record(handled("h" + i, 5, 100 * i - 30, 10, 20, i % 2)));
        }
        records.add(record(abandoned("x", 90)));
        KpiCell cell = cell(records, T0);
        assertEquals(new Measure.Figure(550.0, 10.0), Measure.AHT.of(cell));
        assertEquals(new Measure.Figure(520.0, 10.0), Measure.TALK_TIME.of(cell));
        assertEquals(new Measure.Figure(10.0, 10.0), Measure.HOLD_TIME.of(cell));
        assertEquals(new Measure.Figure(20.0, 10.0), Measure.AFTER_WORK_TIME.of(cell));
        // the lower median of ten values, and the 9th of ten for the 90th percentile
        assertEquals(new Measure.Figure(500.0, 10.0), Measure.AHT_MEDIAN.of(cell));
        assertEquals(new Measure.Figure(900.0, 10.0), Measure.AHT_P90.of(cell));
        assertEquals(new Measure.Figure(0.5, 10.0), Measure.TRANSFERS_PER_CONTACT.of(cell));
    }

    @Test
    void aRateOfNothingHasNoValueButShowsItsBase() {
        KpiCell cell = cell(List.of(record(abandoned("x", 90))), T0);
        assertEquals(new Measure.Figure(null, 0.0), Measure.AHT.of(cell));
        assertEquals(new Measure.Figure(null, 0.0), Measure.AHT_MEDIAN.of(cell));
        assertEquals(new Measure.Figure(null, 0.0), Measure.CSAT.of(cell));
        assertEquals(new Measure.Figure(null, 0.0), Measure.FCR_RATE.of(cell));
    }

    @Test
    void surveyFiguresFollowTheirDefinitions() {
        ContactRecord surveyed = new ContactRecord(handled("s", 5, 100, 0, 0, 0), List.of(
                new ContactRecord.Survey("r1", T0, 5, 10, 2, 5),
                new ContactRecord.Survey("r2", T0, 4, 9, 3, 3),
                new ContactRecord.Survey("r3", T0, 3, 7, 6, 4),
                new ContactRecord.Survey("r4", T0, 1, 0, null, null)),
                List.of(new ContactRecord.Evaluation("q1", "ev", T0, 90, Map.of("greeting", 100.0)),
                        new ContactRecord.Evaluation("q2", "ev", T0, 70, Map.of("greeting", 50.0))),
                List.of(), null);
        KpiCell cell = cell(List.of(surveyed), T0);
        // CSAT: 5 and 4 of 5, 4, 3, 1 -> 2/4; mean 13/4
        assertEquals(new Measure.Figure(0.5, 4.0), Measure.CSAT.of(cell));
        assertEquals(new Measure.Figure(3.25, 4.0), Measure.CSAT_MEAN.of(cell));
        // NPS: promoters 10, 9; passive 7; detractor 0 -> (2 - 1) / 4 = 25 points
        assertEquals(new Measure.Figure(25.0, 4.0), Measure.NPS.of(cell));
        assertEquals(new Measure.Figure(11.0 / 3, 3.0), Measure.CES.of(cell));
        // felt valued 5 and 4 of 5, 3, 4 -> 2/3
        assertEquals(new Measure.Figure(2.0 / 3, 3.0), Measure.FELT_VALUED.of(cell));
        assertEquals(new Measure.Figure(80.0, 2.0), Measure.QUALITY_SCORE.of(cell));
        assertEquals(75.0, cell.criteria().get("greeting")[1] / cell.criteria().get("greeting")[0]);
    }

    @Test
    void anIssueCountsAsClosedOnlyOnceItsWindowHasPassedAndAReaderSettlesItAtItsOwnTime() {
        Instant closesAt = T0.plus(Duration.ofDays(7));
        IssueChains.Issue single = new IssueChains.Issue(1, closesAt, 0, 0, 1, true, 342L);
        IssueChains.Issue twoContacts = new IssueChains.Issue(2, closesAt.plusSeconds(3600), 1, 1, 1, false, null);
        List<ContactRecord> records = List.of(
                new ContactRecord(handled("a", 5, 300, 0, 0, 0), List.of(), List.of(), List.of(),
                        new IssueChains.Role(false, single)),
                new ContactRecord(handled("b", 5, 300, 0, 0, 0), List.of(), List.of(), List.of(),
                        new IssueChains.Role(false, twoContacts)),
                new ContactRecord(handled("c", 5, 300, 0, 0, 0), List.of(), List.of(), List.of(),
                        new IssueChains.Role(true, null)));
        KpiCell cell = cell(records, T0.plus(Duration.ofDays(1)));
        assertEquals(new Measure.Figure(null, 0.0), Measure.FCR_RATE.of(cell));
        assertEquals(new Measure.Figure(2.0, null), Measure.ISSUES_OPEN.of(cell));
        assertEquals(new Measure.Figure(1.0 / 3, 3.0), Measure.REPEAT_CONTACT_RATE.of(cell));

        cell.settle(closesAt.minusSeconds(1));
        assertEquals(new Measure.Figure(2.0, null), Measure.ISSUES_OPEN.of(cell));
        cell.settle(closesAt);
        assertEquals(new Measure.Figure(1.0, 1.0), Measure.FCR_RATE.of(cell));
        assertEquals(new Measure.Figure(1.0, null), Measure.ISSUES_OPEN.of(cell));
        assertEquals(new Measure.Figure(342.0, 1.0), Measure.TIME_TO_RESOLUTION.of(cell));
        cell.settle(closesAt.plusSeconds(3600));
        assertEquals(new Measure.Figure(0.5, 2.0), Measure.FCR_RATE.of(cell));
        assertEquals(new Measure.Figure(1.5, 2.0), Measure.TOUCHPOINTS_PER_ISSUE.of(cell));
        assertEquals(new Measure.Figure(0.5, 2.0), Measure.RUNAROUND_PER_ISSUE.of(cell));
        // only the resolved issue has a time to resolution
        assertEquals(new Measure.Figure(342.0, 1.0), Measure.TIME_TO_RESOLUTION.of(cell));
    }

    @Test
    void salesAndTheirCancellationsArePerCurrency() {
        ContactFact sold = new ContactFact("s", "c", Channel.VOICE, Direction.INBOUND, T0, 5, 100, 0, 0, false, true,
                0, "agent-1", "team-a", "dept", "billing", null, true, true, 49.90, "EUR", null, null);
        ContactFact declined = new ContactFact("d", "c", Channel.VOICE, Direction.INBOUND, T0, 5, 100, 0, 0, false,
                true, 0, "agent-1", "team-a", "dept", "billing", null, true, false, null, null, null, null);
        KpiCell cell = cell(List.of(
                new ContactRecord(sold, List.of(), List.of(), List.of(
                        new ContactRecord.Cancellation("x", T0, 49.90, "EUR")), null),
                record(declined)), T0);
        assertEquals(new Measure.Figure(0.5, 2.0), Measure.SALES_CONVERSION.of(cell));
        assertEquals(new Measure.Figure(49.9, 1.0, Map.of("EUR", 49.9)), Measure.SALES_REVENUE.of(cell));
        assertEquals(new Measure.Figure(1.0, 1.0), Measure.SALES_CANCELLED.of(cell));
        assertEquals(new Measure.Figure(49.9, 1.0, Map.of("EUR", 49.9)), Measure.CANCELLED_REVENUE.of(cell));
    }

    @Test
    void cellsOfAnySplitOfTheContactsMergeIntoTheCellOfAll() {
        Random random = new Random(7);
        List<ContactRecord> all = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ContactFact f = random.nextInt(5) == 0 ? abandoned("a" + i, random.nextInt(120))
                    : handled("h" + i, random.nextInt(60), random.nextInt(900), random.nextInt(60),
                            random.nextInt(120), random.nextInt(2));
            IssueChains.Role role = f.abandoned() ? null : new IssueChains.Role(random.nextBoolean(),
                    new IssueChains.Issue(1 + random.nextInt(3), T0.plus(Duration.ofHours(random.nextInt(400))),
                            random.nextInt(3), 0, 1, random.nextBoolean(), (long) random.nextInt(5000)));
            all.add(new ContactRecord(f, List.of(new ContactRecord.Survey("r" + i, T0, 1 + random.nextInt(5),
                    random.nextInt(11), 1 + random.nextInt(7), 1 + random.nextInt(5))), List.of(), List.of(), role));
        }
        Instant asOf = T0.plus(Duration.ofHours(200));
        KpiCell whole = cell(all, asOf);
        KpiCell merged = new KpiCell();
        for (int from = 0; from < all.size(); from += 37) {
            merged.merge(cell(all.subList(from, Math.min(all.size(), from + 37)), asOf));
        }
        Instant later = asOf.plus(Duration.ofHours(100));
        whole.settle(later);
        merged.settle(later);
        for (Measure m : Measure.values()) {
            Measure.Figure a = m.of(whole);
            Measure.Figure b = m.of(merged);
            assertEquals(a.base(), b.base(), m.key());
            if (m.key().endsWith("_median") || m.key().endsWith("_p90")) {
                // quantiles of a merged sketch are within its rank error, not equal
                assertTrue(a.value() != null && b.value() != null, m.key());
            } else if (a.value() == null) {
                assertNull(b.value(), m.key());
            } else {
                assertEquals(a.value(), b.value(), 1e-9 * Math.max(1, Math.abs(a.value())), m.key());
            }
        }
    }

    @Test
    void aContactTakenBackAndAddedInItsNewStateLeavesTheCellOfTheNewStateAlone() {
        // A contact first counted alone (its issue open, no survey), then as its chain grew (a repeat two days later
        // kept the issue open longer) with a survey, a cancellation and an evaluation: the incremental cell must
        // equal the cell computed from the new state, and taking back everything must leave only the sketches.
        ContactFact fact = new ContactFact("x", "cust-x", Channel.VOICE, Direction.INBOUND, T0, 10, 300, 20, 40,
                false, true, 1, "agent-1", "team-a", "dept", "billing", null, true, true, 49.9, "EUR", null, null);
        IssueChains.Issue first = new IssueChains.Issue(1, T0.plus(Duration.ofDays(7)), 0, 1, 1, true, 360L);
        IssueChains.Issue grown = new IssueChains.Issue(2, T0.plus(Duration.ofDays(9)), 1, 1, 2, true, 2 * 86_400L);
        ContactRecord before = new ContactRecord(fact, List.of(), List.of(), List.of(),
                new IssueChains.Role(false, first));
        ContactRecord after = new ContactRecord(fact,
                List.of(new ContactRecord.Survey("s1", T0, 5, 9, 2, 4)),
                List.of(new ContactRecord.Evaluation("e1", "qa", T0, 87.3, Map.of("greeting", 90.0))),
                List.of(new ContactRecord.Cancellation("c1", T0, 49.9, "EUR")),
                new IssueChains.Role(false, grown));
        Instant asOf = T0.plus(Duration.ofDays(8)); // the first window has closed, the grown one has not

        KpiCell incremental = new KpiCell();
        incremental.add(before, T0, SL, 1, true);
        incremental.settle(asOf);
        incremental.add(before, asOf, SL, -1, false);
        incremental.add(after, asOf, SL, 1, false);
        KpiCell direct = cell(List.of(after), asOf);

        for (Tally t : Tally.values()) {
            assertEquals(direct.get(t), incremental.get(t), 1e-9, t.name());
        }
        assertEquals(direct.openIssues().keySet(), incremental.openIssues().keySet());
        assertEquals(direct.criteria().keySet(), incremental.criteria().keySet());
        assertEquals(direct.money().get("EUR")[0], incremental.money().get("EUR")[0], 1e-9);
        assertEquals(direct.money().get("EUR")[1], incremental.money().get("EUR")[1], 1e-9);
        assertEquals(Measure.AHT_MEDIAN.of(direct), Measure.AHT_MEDIAN.of(incremental));
        assertEquals(1, incremental.sketch(KpiCell.TimePart.HANDLE).getN());

        incremental.add(after, asOf, SL, -1, false);
        for (Tally t : Tally.values()) {
            assertEquals(0.0, incremental.get(t), 1e-9, t.name());
        }
        assertTrue(incremental.openIssues().isEmpty());
        assertTrue(incremental.criteria().isEmpty());
    }

    @Test
    void anIssueSettlesAtTheFirstFullHourAfterItsWindowClosesNeverBefore() {
        Instant closesAt = Instant.parse("2025-03-10T09:20:00Z");
        ContactRecord opener = new ContactRecord(handled("a", 5, 300, 0, 0, 0), List.of(), List.of(), List.of(),
                new IssueChains.Role(false, new IssueChains.Issue(1, closesAt, 0, 0, 1, true, 60L)));
        KpiCell cell = cell(List.of(opener), closesAt.minusSeconds(60));
        cell.settle(closesAt);
        assertEquals(new Measure.Figure(1.0, null), Measure.ISSUES_OPEN.of(cell));
        cell.settle(Instant.parse("2025-03-10T09:59:59Z"));
        assertEquals(new Measure.Figure(1.0, null), Measure.ISSUES_OPEN.of(cell));
        cell.settle(Instant.parse("2025-03-10T10:00:00Z"));
        assertEquals(new Measure.Figure(0.0, null), Measure.ISSUES_OPEN.of(cell));
        assertEquals(new Measure.Figure(1.0, 1.0), Measure.FCR_RATE.of(cell));
        // Added after that hour, it is closed at once.
        assertEquals(new Measure.Figure(1.0, 1.0),
                Measure.FCR_RATE.of(cell(List.of(opener), Instant.parse("2025-03-10T10:00:00Z"))));
    }
}
