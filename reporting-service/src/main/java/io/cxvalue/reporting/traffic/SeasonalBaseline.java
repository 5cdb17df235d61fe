package io.cxvalue.reporting.traffic;

import org.hipparchus.stat.descriptive.rank.Median;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The contact volume to expect in each hour of the week (in a zone), learned from history: per hour of the week, the
 * median over the weeks of that hour's contacts, so a spike in one week does not move it. How much an hour varies
 * around its level beyond Poisson noise (days are busier or quieter as a whole) is one relative variance for all
 * hours, the median of the hours' robust estimates (median absolute deviation): counts are then negative binomial
 * with that mean and variance {@code mean + relativeVariance * mean^2}. Plain Java, immutable.
 */
public final class SeasonalBaseline {

    /** Hours of a week: Monday 00:00 is slot 0. */
    public static final int SLOTS = 7 * 24;
    /** Hours with fewer expected contacts tell little about over-dispersion and are left out of its estimate. */
    private static final double MIN_HOURLY_FOR_DISPERSION = 20;
    /** Scales a median absolute deviation to a standard deviation under normality. */
    private static final double MAD_TO_SD = 1.4826;

    private final ZoneId zone;
    private final double[] perMinute;
    private final double relativeVariance;

    SeasonalBaseline(ZoneId zone, double[] perMinute, double relativeVariance) {
        this.zone = zone;
        this.perMinute = perMinute.clone();
        this.relativeVariance = relativeVariance;
    }

    /**
     * Learns from {@code minuteCounts}: contacts per minute from {@code start} (a whole minute) on. The minutes before
     * the first contact are not history (nothing was reported yet: a week of zeros would make every median zero).
     * Hours of the week never seen expect nothing.
     */
    public static SeasonalBaseline learn(int[] minuteCounts, Instant start, ZoneId zone) {
        int first = 0;
        while (first < minuteCounts.length && minuteCounts[first] == 0) {
            first++;
        }
        if (first > 0) {
            return learnFrom(Arrays.copyOfRange(minuteCounts, first, minuteCounts.length),
                    start.plus(Duration.ofMinutes(first)), zone);
        }
        return learnFrom(minuteCounts, start, zone);
    }

    private static SeasonalBaseline learnFrom(int[] minuteCounts, Instant start, ZoneId zone) {
        List<List<Double>> hourly = new ArrayList<>();
        for (int s = 0; s < SLOTS; s++) {
            hourly.add(new ArrayList<>());
        }
        // Whole local hours only: a partial hour at either end would read as a quiet one.
        Instant firstHour = start.plus(Duration.ofMinutes(59)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        for (Instant hour = firstHour; ; hour = hour.plus(Duration.ofHours(1))) {
            long from = Duration.between(start, hour).toMinutes();
            if (from + 60 > minuteCounts.length) {
                break;
            }
            double sum = 0;
            for (int m = 0; m < 60; m++) {
                sum += minuteCounts[(int) from + m];
            }
            hourly.get(slot(hour, zone)).add(sum);
        }
        double[] perMinute = new double[SLOTS];
        List<Double> dispersions = new ArrayList<>();
        for (int s = 0; s < SLOTS; s++) {
            double[] values = hourly.get(s).stream().mapToDouble(Double::doubleValue).toArray();
            if (values.length == 0) {
                continue;
            }
            double median = median(values);
            perMinute[s] = median / 60;
            if (values.length >= 3 && median >= MIN_HOURLY_FOR_DISPERSION) {
                double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
                double sd = MAD_TO_SD * median(deviations);
                dispersions.add(Math.max(0, sd * sd - median) / (median * median));
            }
        }
        double relativeVariance = dispersions.isEmpty() ? 0
                : median(dispersions.stream().mapToDouble(Double::doubleValue).toArray());
        return new SeasonalBaseline(zone, perMinute, relativeVariance);
    }

    /** The hour of the week {@code time} falls in, in {@code zone}. */
    public static int slot(Instant time, ZoneId zone) {
        ZonedDateTime t = time.atZone(zone);
        return (t.getDayOfWeek().getValue() - 1) * 24 + t.getHour();
    }

    /** Contacts to expect in the minute starting at {@code minute}. */
    public double expectedInMinute(Instant minute) {
        return perMinute[slot(minute, zone)];
    }

    /** Contacts to expect per minute in hour-of-week {@code slot}. */
    public double expectedPerMinute(int slot) {
        return perMinute[slot];
    }

    /** The variance of a count beyond Poisson, relative to its mean squared (1 / the negative binomial's size). */
    public double relativeVariance() {
        return relativeVariance;
    }

    public ZoneId zone() {
        return zone;
    }

    private static double median(double[] values) {
        return new Median().evaluate(values);
    }
}
