package io.cxvalue.reporting.traffic;

import io.cxvalue.reporting.contact.ContactDay;
import io.cxvalue.reporting.contact.ContactFact;
import io.cxvalue.reporting.contact.ContactRecord;
import io.cxvalue.reporting.kpi.KpiCell;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One team's traffic in one UTC hour: the contacts that started in each of its minutes, in total and by queue,
 * contact reason, channel and campaign (what a live series shows and what a spike's drivers are read from); and the
 * experience of the hour's contacts, a KPI cell overall and by reason, channel and queue (without quantile sketches:
 * means and rates only), kept up to date like every other cell as survey answers and issue outcomes arrive. Plain
 * Java, mutable, not thread-safe.
 */
public final class TrafficHour {

    /** What a series is counted by. The key of a series is its dimension's code, a colon and the value. */
    public enum Dimension {
        TOTAL('*'), QUEUE('q'), REASON('r'), CHANNEL('c'), CAMPAIGN('k');

        private final char code;

        Dimension(char code) {
            this.code = code;
        }

        /** The name in the API ({@code reason}). */
        public String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The key of this dimension's series for {@code value} (null: the contacts without one). */
        public String key(String value) {
            return this == TOTAL ? "*" : code + ":" + (value == null ? "" : value);
        }

        /** The dimension of a series key. */
        public static Dimension of(String key) {
            for (Dimension d : values()) {
                if (key.charAt(0) == d.code) {
                    return d;
                }
            }
            throw new IllegalArgumentException("not a series key: " + key);
        }

        /** The value a series key stands for; null for the total and for the contacts without one. */
        public static String value(String key) {
            String value = key.length() <= 2 ? "" : key.substring(2);
            return value.isEmpty() ? null : value;
        }

        String valueOf(ContactFact fact) {
            return switch (this) {
                case TOTAL -> null;
                case QUEUE -> fact.queue();
                case REASON -> fact.contactReason();
                case CHANNEL -> fact.channel().name();
                case CAMPAIGN -> fact.campaign();
            };
        }
    }

    /** The dimensions the experience of the hour is kept by, besides overall. */
    static final List<Dimension> EXPERIENCE_BY = List.of(Dimension.REASON, Dimension.CHANNEL, Dimension.QUEUE);

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");

    private final String teamId;
    private final Instant hour;
    private final Map<String, int[]> minutes;
    private final Map<String, Integer> hourly;
    private final Map<String, KpiCell> experience;

    public TrafficHour(String teamId, Instant hour) {
        this(teamId, hour, new TreeMap<>(), null, new TreeMap<>());
    }

    /**
     * An hour as read: {@code minutes} may hold only some series (the total, say) and {@code hourly} the hour's sum
     * of every series (derived from {@code minutes} when null).
     */
    public TrafficHour(String teamId, Instant hour, Map<String, int[]> minutes, Map<String, Integer> hourly,
            Map<String, KpiCell> experience) {
        if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
            throw new IllegalArgumentException("not a whole hour: " + hour);
        }
        this.teamId = teamId == null ? ContactDay.NO_TEAM : teamId;
        this.hour = hour;
        this.minutes = minutes;
        this.hourly = hourly != null ? hourly : sums(minutes);
        this.experience = experience;
    }

    /** The storage key of a team's hour: the team (as {@link ContactDay} names it) and the UTC hour. */
    public static String id(String teamId, Instant hour) {
        return (teamId == null ? ContactDay.NO_TEAM : teamId) + "|"
                + HOUR.format(LocalDateTime.ofInstant(hour.truncatedTo(ChronoUnit.HOURS), ZoneOffset.UTC));
    }

    /** The storage key of the hour {@code fact} started in. */
    public static String idOf(ContactFact fact) {
        return id(fact.teamId(), fact.startedAt());
    }

    public String id() {
        return id(teamId, hour);
    }

    public String teamId() {
        return teamId;
    }

    public Instant hour() {
        return hour;
    }

    /** Counts a contact into its minute, in every series it belongs to (once: its start never changes). */
    public void count(ContactFact fact) {
        int minute = (int) ChronoUnit.MINUTES.between(hour, fact.startedAt());
        if (minute < 0 || minute >= 60) {
            throw new IllegalArgumentException(fact.interactionId() + " did not start in " + id());
        }
        for (Dimension d : Dimension.values()) {
            String key = d.key(d.valueOf(fact));
            minutes.computeIfAbsent(key, k -> new int[60])[minute]++;
            hourly.merge(key, 1, Integer::sum);
        }
    }

    private static Map<String, Integer> sums(Map<String, int[]> minutes) {
        Map<String, Integer> out = new TreeMap<>();
        minutes.forEach((key, counts) -> out.put(key, java.util.Arrays.stream(counts).sum()));
        return out;
    }

    /** Contacts of each series in the whole hour, by key. */
    public Map<String, Integer> hourly() {
        return Collections.unmodifiableMap(hourly);
    }

    /**
     * Adds {@code record} to (sign 1) or takes it back from (sign -1) the hour's experience cells: overall and in its
     * reason, channel and queue.
     */
    public void addExperience(ContactRecord record, Instant asOf, int serviceLevelSeconds, int sign) {
        addExperience(experience, record, asOf, serviceLevelSeconds, sign);
    }

    /** Adds {@code record} (sign 1) or takes it back (sign -1) in {@code cells}: overall, by reason, channel, queue. */
    public static void addExperience(Map<String, KpiCell> cells, ContactRecord record, Instant asOf,
            int serviceLevelSeconds, int sign) {
        cells.computeIfAbsent(Dimension.TOTAL.key(null), k -> new KpiCell())
                .add(record, asOf, serviceLevelSeconds, sign, false);
        for (Dimension d : EXPERIENCE_BY) {
            cells.computeIfAbsent(d.key(d.valueOf(record.fact())), k -> new KpiCell())
                    .add(record, asOf, serviceLevelSeconds, sign, false);
        }
    }

    /** Brings the issues the cells hold open up to {@code asOf} (before taking a contact back). */
    public void settle(Instant asOf) {
        experience.values().forEach(cell -> cell.settle(asOf));
    }

    /** Contacts per minute of the series {@code key}; all zero when the hour had none of it. */
    public int[] minutes(String key) {
        int[] counts = minutes.get(key);
        return counts == null ? new int[60] : counts.clone();
    }

    /** Every series of the hour, by key (the arrays are the hour's own: read, do not change). */
    public Map<String, int[]> series() {
        return Collections.unmodifiableMap(minutes);
    }

    /** The experience cells by key (the cells are the hour's own: merge them, do not change them). */
    public Map<String, KpiCell> experience() {
        return Collections.unmodifiableMap(experience);
    }
}
