package io.cxvalue.reporting.kpi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Buckets on the zone's calendar and clock, across DST changes. */
class GranularityTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void theDayClocksGoForwardHas23HoursAndTheDayTheyGoBack25() {
        Instant spring = Granularity.DAY.bucketStart(Instant.parse("2025-03-30T12:00:00Z"), LONDON);
        assertEquals(Instant.parse("2025-03-30T00:00:00Z"), spring);
        assertEquals(Duration.ofHours(23), Duration.between(spring, Granularity.DAY.next(spring, LONDON)));
        Instant autumn = Granularity.DAY.bucketStart(Instant.parse("2025-10-26T12:00:00Z"), LONDON);
        assertEquals(Instant.parse("2025-10-25T23:00:00Z"), autumn);
        assertEquals(Duration.ofHours(25), Duration.between(autumn, Granularity.DAY.next(autumn, LONDON)));
    }

    @Test
    void aContactJustAfterMidnightLocalTimeIsOnTheLocalDay() {
        // 23:30 UTC on 30 March is 00:30 BST on 31 March
        Instant t = Instant.parse("2025-03-30T23:30:00Z");
        assertEquals(Instant.parse("2025-03-30T23:00:00Z"), Granularity.DAY.bucketStart(t, LONDON));
        assertEquals(Instant.parse("2025-03-30T00:00:00Z"), Granularity.DAY.bucketStart(t, ZoneId.of("UTC")));
    }

    @Test
    void hoursAndQuarterHoursFollowTheZonesClockEvenAtAHalfHourOffset() {
        Instant t = Instant.parse("2025-03-03T10:10:00Z"); // 15:40 in Kolkata (+05:30)
        assertEquals(Instant.parse("2025-03-03T09:30:00Z"), Granularity.HOUR.bucketStart(t, KOLKATA));
        assertEquals(Instant.parse("2025-03-03T10:00:00Z"), Granularity.FIFTEEN_MINUTES.bucketStart(t, KOLKATA));
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirst() {
        assertEquals(LocalDate.parse("2025-03-03"), Granularity.WEEK.dayBucket(LocalDate.parse("2025-03-09")));
        assertEquals(LocalDate.parse("2025-03-10"), Granularity.WEEK.dayBucket(LocalDate.parse("2025-03-10")));
        assertEquals(LocalDate.parse("2025-03-01"), Granularity.MONTH.dayBucket(LocalDate.parse("2025-03-31")));
        Instant march = LocalDate.parse("2025-03-01").atStartOfDay(LONDON).toInstant();
        assertEquals(LocalDate.parse("2025-04-01").atStartOfDay(LONDON).toInstant(),
                Granularity.MONTH.next(march, LONDON));
    }
}
