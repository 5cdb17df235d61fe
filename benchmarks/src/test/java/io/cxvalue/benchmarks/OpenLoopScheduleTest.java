package io.cxvalue.benchmarks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenLoopScheduleTest {

    @Test
    void requestsAreEvenlySpacedAtTheRate() {
        OpenLoopSchedule s = new OpenLoopSchedule(1_000, 2000, 10);
        assertEquals(1_000, s.intendedNanos(0));
        assertEquals(1_000 + 500_000, s.intendedNanos(1));
        assertEquals(1_000 + 9 * 500_000, s.intendedNanos(9));
        assertEquals(1_000 + 10 * 500_000, s.endNanos());
    }

    @Test
    void aRateThatDoesNotDivideASecondKeepsTheAverageExact() {
        OpenLoopSchedule s = new OpenLoopSchedule(0, 3, 4);
        assertEquals(0, s.intendedNanos(0));
        assertEquals(333_333_333, s.intendedNanos(1));
        assertEquals(666_666_667, s.intendedNanos(2));
        assertEquals(1_000_000_000, s.intendedNanos(3));
    }

    @Test
    void dueCountsEveryRequestIntendedAtOrBeforeNow() {
        OpenLoopSchedule s = new OpenLoopSchedule(1_000_000, 1000, 5);   // every millisecond
        assertEquals(0, s.dueAt(999_999));
        assertEquals(1, s.dueAt(1_000_000));
        assertEquals(1, s.dueAt(1_999_999));
        assertEquals(2, s.dueAt(2_000_000));
        // A sender that wakes up late owes every overdue request at once, but never more than the schedule holds.
        assertEquals(4, s.dueAt(4_500_000));
        assertEquals(5, s.dueAt(60_000_000_000L));
    }

    @Test
    void dueIsConsistentWithIntendedTimesForAwkwardRates() {
        OpenLoopSchedule s = new OpenLoopSchedule(17, 7, 1000);
        for (long i = 0; i < 1000; i++) {
            long t = s.intendedNanos(i);
            assertEquals(i + 1, s.dueAt(t), "at the intended time of " + i);
            assertEquals(i, s.dueAt(t - 1), "just before the intended time of " + i);
        }
    }

    @Test
    void countIsRateTimesSeconds() {
        assertEquals(60_000, OpenLoopSchedule.count(2000, 30));
        assertEquals(0, OpenLoopSchedule.count(2000, 0));
        assertTrue(OpenLoopSchedule.count(0.5, 3) >= 1);
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 0, 10));
        assertThrows(IndexOutOfBoundsException.class, () -> new OpenLoopSchedule(0, 10, 10).intendedNanos(10));
    }
}
