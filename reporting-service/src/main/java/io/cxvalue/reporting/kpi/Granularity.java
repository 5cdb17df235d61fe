package io.cxvalue.reporting.kpi;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;

/**
 * The length of a KPI bucket in a time zone. Days, weeks (Monday to Sunday) and months are calendar periods of the
 * zone: across a DST change a day has 23 or 25 hours. Quarter hours and hours are cut on the zone's clock too
 * (every zone's offset is a multiple of 15 minutes).
 */
public enum Granularity {
    FIFTEEN_MINUTES("15m"), HOUR("hour"), DAY("day"), WEEK("week"), MONTH("month");

    private final String key;

    Granularity(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<Granularity> byKey(String key) {
        return Arrays.stream(values()).filter(g -> g.key.equals(key)).findFirst();
    }

    /** Whether its buckets are whole days of the zone (and can be read from daily rollups). */
    public boolean calendar() {
        return this == DAY || this == WEEK || this == MONTH;
    }

    /** The start of the bucket holding {@code time}. */
    public Instant bucketStart(Instant time, ZoneId zone) {
        ZonedDateTime t = time.atZone(zone);
        return switch (this) {
            case FIFTEEN_MINUTES -> Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), 900) * 900);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAY, WEEK, MONTH -> dayBucket(t.toLocalDate()).atStartOfDay(zone).toInstant();
        };
    }

    /** The first day of the calendar bucket holding {@code day}. */
    public LocalDate dayBucket(LocalDate day) {
        return switch (this) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            default -> day;
        };
    }

    /** The start of the bucket after the one that starts at {@code start}. */
    public Instant next(Instant start, ZoneId zone) {
        ZonedDateTime t = start.atZone(zone);
        return switch (this) {
            case FIFTEEN_MINUTES -> start.plus(Duration.ofMinutes(15));
            case HOUR -> start.plus(Duration.ofHours(1));
            case DAY -> t.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            case WEEK -> t.toLocalDate().plusWeeks(1).atStartOfDay(zone).toInstant();
            case MONTH -> t.toLocalDate().plusMonths(1).atStartOfDay(zone).toInstant();
        };
    }
}
