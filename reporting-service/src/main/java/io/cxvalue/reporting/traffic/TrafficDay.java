package io.cxvalue.reporting.traffic;

import io.cxvalue.reporting.contact.ContactDay;
import io.cxvalue.reporting.contact.ContactFact;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One team's traffic on one UTC day, compact: all contacts per minute and each series' contacts per hour. What a
 * baseline over months and the usual mix of reasons and campaigns are read from, a day per document instead of 24
 * hours (the per-minute series and the experience stay in the {@link TrafficHour}s). Plain Java, mutable.
 */
public final class TrafficDay {

    static final int MINUTES = 24 * 60;

    private final String teamId;
    private final LocalDate date;
    private final int[] totals;
    private final Map<String, int[]> hourly;

    public TrafficDay(String teamId, LocalDate date) {
        this(teamId, date, new int[MINUTES], new TreeMap<>());
    }

    public TrafficDay(String teamId, LocalDate date, int[] totals, Map<String, int[]> hourly) {
        if (totals.length != MINUTES) {
            throw new IllegalArgumentException("a day has " + MINUTES + " minutes: " + totals.length);
        }
        this.teamId = teamId == null ? ContactDay.NO_TEAM : teamId;
        this.date = date;
        this.totals = totals;
        this.hourly = hourly;
    }

    /** The storage key: the team (as {@link ContactDay} names it) and the UTC date. */
    public static String id(String teamId, LocalDate date) {
        return new ContactDay(teamId, date).id();
    }

    public static String idOf(ContactFact fact) {
        return ContactDay.of(fact.teamId(), fact.startedAt()).id();
    }

    public String id() {
        return id(teamId, date);
    }

    public String teamId() {
        return teamId;
    }

    public LocalDate date() {
        return date;
    }

    /** Counts a contact into its minute and, in every series it belongs to, its hour (once: its start never changes). */
    public void count(ContactFact fact) {
        Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        long minute = ChronoUnit.MINUTES.between(start, fact.startedAt());
        if (minute < 0 || minute >= MINUTES) {
            throw new IllegalArgumentException(fact.interactionId() + " did not start on " + id());
        }
        totals[(int) minute]++;
        for (TrafficHour.Dimension d : TrafficHour.Dimension.values()) {
            hourly.computeIfAbsent(d.key(d.valueOf(fact)), k -> new int[24])[(int) minute / 60]++;
        }
    }

    /** All contacts per minute (the day's own array: read, do not change). */
    public int[] totals() {
        return totals;
    }

    /** Each series' contacts per hour, by key (the day's own arrays: read, do not change). */
    public Map<String, int[]> hourly() {
        return Collections.unmodifiableMap(hourly);
    }

    /** The day's hours with contacts, each with all contacts per minute and every series' sum of the hour. */
    public List<TrafficHour> hours() {
        List<TrafficHour> out = new ArrayList<>();
        Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        String total = TrafficHour.Dimension.TOTAL.key(null);
        for (int h = 0; h < 24; h++) {
            int[] minutes = new int[60];
            System.arraycopy(totals, h * 60, minutes, 0, 60);
            Map<String, Integer> sums = new TreeMap<>();
            for (Map.Entry<String, int[]> e : hourly.entrySet()) {
                if (e.getValue()[h] != 0) {
                    sums.put(e.getKey(), e.getValue()[h]);
                }
            }
            if (!sums.isEmpty()) {
                out.add(new TrafficHour(teamId, start.plus(Duration.ofHours(h)), Map.of(total, minutes), sums,
                        new TreeMap<>()));
            }
        }
        return out;
    }
}
