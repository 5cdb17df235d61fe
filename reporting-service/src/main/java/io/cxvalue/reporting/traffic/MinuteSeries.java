package io.cxvalue.reporting.traffic;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Contacts per minute over a period, per series (the total and each queue, reason, channel and campaign), summed over
 * the team-hours read: what the live series, the baseline and the spike drivers are computed from. Plain Java.
 *
 * @param start  the first minute (whole)
 * @param counts per series key, contacts per minute from {@code start}
 */
public record MinuteSeries(Instant start, int minutes, Map<String, int[]> counts) {

    /** The series of {@code hours} from {@code from} (whole minute) to {@code to}, keeping the keys {@code keep}. */
    public static MinuteSeries of(Collection<TrafficHour> hours, Instant from, Instant to, Predicate<String> keep) {
        Builder builder = new Builder(from, to, keep);
        hours.forEach(builder::add);
        return builder.build();
    }

    /** Sums hours into the series as they are read, so that no more than one hour is held at a time. */
    public static final class Builder {
        private final Instant start;
        private final int minutes;
        private final Predicate<String> keep;
        private final Map<String, int[]> counts = new TreeMap<>();

        public Builder(Instant from, Instant to, Predicate<String> keep) {
            this.start = from.truncatedTo(ChronoUnit.MINUTES);
            this.minutes = Math.toIntExact(Duration.between(start, to).toMinutes());
            this.keep = keep;
        }

        public void add(TrafficHour hour) {
            long offset = Duration.between(start, hour.hour()).toMinutes();
            hour.series().forEach((key, perMinute) -> {
                if (!keep.test(key)) {
                    return;
                }
                int[] into = null;
                for (int m = 0; m < 60; m++) {
                    long at = offset + m;
                    if (perMinute[m] != 0 && at >= 0 && at < minutes) {
                        if (into == null) {
                            into = counts.computeIfAbsent(key, k -> new int[minutes]);
                        }
                        into[(int) at] += perMinute[m];
                    }
                }
            });
        }

        public MinuteSeries build() {
            return new MinuteSeries(start, minutes, counts);
        }
    }

    /** Contacts per minute of series {@code key}; all zero when it had none. */
    public int[] of(String key) {
        int[] found = counts.get(key);
        return found == null ? new int[minutes] : found;
    }

    /** The total (all contacts). */
    public int[] total() {
        return of(TrafficHour.Dimension.TOTAL.key(null));
    }

    /** The series keys of {@code dimension} present. */
    public List<String> keysOf(TrafficHour.Dimension dimension) {
        return counts.keySet().stream().filter(k -> TrafficHour.Dimension.of(k) == dimension).toList();
    }

    /** The minute index of {@code time} (whole minutes from the start). */
    public int index(Instant time) {
        return Math.toIntExact(Duration.between(start, time).toMinutes());
    }

    /** Contacts of series {@code key} in minutes [from, to) (indexes, clipped to the series). */
    public long sum(String key, int from, int to) {
        int[] c = counts.get(key);
        long sum = 0;
        if (c != null) {
            for (int m = Math.max(0, from); m < Math.min(minutes, to); m++) {
                sum += c[m];
            }
        }
        return sum;
    }

    /** Sums into buckets of {@code step} minutes (the last one may be partial). */
    public static int[] buckets(int[] perMinute, int step) {
        int[] out = new int[(perMinute.length + step - 1) / step];
        for (int m = 0; m < perMinute.length; m++) {
            out[m / step] += perMinute[m];
        }
        return out;
    }
}
