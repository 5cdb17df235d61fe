package io.cxvalue.reporting.traffic;

import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The detector on a simulated contact centre with known truth: 8 weeks of history (with spikes of their own, which
 * the baseline must shrug off), then a quarter with planted spikes among ordinary busy and quiet days.
 */
class SpikeDetectorTest {

    private static final ZoneId ZONE = ZoneOffset.UTC;
    private static final Instant HISTORY_START = Instant.parse("2026-01-05T00:00:00Z"); // a Monday
    private static final int WEEK = 7 * 24 * 60;

    /** Contacts per minute on an ordinary day: busy 08-20 on weekdays, quieter evenings, nights and weekends. */
    private static double rate(Instant minute) {
        var t = minute.atZone(ZONE);
        double hour = t.getHour() + t.getMinute() / 60.0;
        boolean weekend = t.getDayOfWeek().getValue() >= 6;
        double day = hour >= 8 && hour < 20 ? 12 + 8 * Math.sin(Math.PI * (hour - 8) / 12) : hour >= 6 && hour < 23 ? 3
                : 0.4;
        return weekend ? day * 0.45 : day;
    }

    private record Planted(int startMinute, int minutes, double extra) {
    }

    /** Minutes of counts: Poisson around the rate, times a day-level factor (gamma, 15 % sd), plus the spikes. */
    private static int[] simulate(RandomDataGenerator random, int minutes, Instant start, List<Planted> spikes) {
        double[] extra = new double[minutes];
        for (Planted s : spikes) {
            for (int m = s.startMinute(); m < s.startMinute() + s.minutes(); m++) {
                extra[m] += s.extra();
            }
        }
        int[] counts = new int[minutes];
        double dayFactor = 1;
        for (int m = 0; m < minutes; m++) {
            if (m % (24 * 60) == 0) {
                dayFactor = random.nextGamma(44, 1 / 44.0);
            }
            double mean = rate(start.plus(Duration.ofMinutes(m))) * dayFactor * (1 + extra[m]);
            counts[m] = mean > 0 ? (int) random.nextPoisson(mean) : 0;
        }
        return counts;
    }

    /** Spikes at random weekday busy hours, at least a day apart: 2.5 to 5 times the volume for 20 to 90 minutes. */
    private static List<Planted> plant(RandomDataGenerator random, int minutes, Instant start, int n) {
        List<Planted> out = new ArrayList<>();
        int day = 1;
        while (out.size() < n) {
            day += 1 + random.nextInt(0, 2);
            int startMinute = day * 24 * 60 + (9 + random.nextInt(0, 9)) * 60 + random.nextInt(0, 59);
            if (startMinute + 120 >= minutes) {
                break;
            }
            if (start.plus(Duration.ofMinutes(startMinute)).atZone(ZONE).getDayOfWeek().getValue() >= 6) {
                continue;
            }
            out.add(new Planted(startMinute, random.nextInt(20, 90), random.nextUniform(1.5, 4.0)));
        }
        return out;
    }

    @Test
    void findsPlantedSpikesWithinTwoMinutesWithRecallAndPrecisionAbovePointNine() {
        RandomDataGenerator random = new RandomDataGenerator(20261207L);
        int historyMinutes = 8 * WEEK;
        List<Planted> pastSpikes = plant(random, historyMinutes, HISTORY_START, 4);
        int[] history = simulate(random, historyMinutes, HISTORY_START, pastSpikes);
        SeasonalBaseline baseline = SeasonalBaseline.learn(history, HISTORY_START, ZONE);

        Instant quarterStart = HISTORY_START.plus(Duration.ofMinutes(historyMinutes));
        int quarterMinutes = 13 * WEEK;
        List<Planted> planted = plant(random, quarterMinutes, quarterStart, 30);
        int[] quarter = simulate(random, quarterMinutes, quarterStart, planted);

        List<SpikeDetector.Spike> alerts = new SpikeDetector(baseline, 1e-6).detect(quarter, quarterStart);

        int found = 0;
        for (Planted p : planted) {
            Instant begins = quarterStart.plus(Duration.ofMinutes(p.startMinute()));
            boolean alerted = alerts.stream().anyMatch(a -> !a.alertedAt().isBefore(begins)
                    && !a.alertedAt().isAfter(begins.plus(Duration.ofMinutes(2))));
            found += alerted ? 1 : 0;
        }
        int trueAlerts = 0;
        for (SpikeDetector.Spike a : alerts) {
            boolean matches = planted.stream().anyMatch(p -> {
                Instant begins = quarterStart.plus(Duration.ofMinutes(p.startMinute()));
                Instant ends = begins.plus(Duration.ofMinutes(p.minutes()));
                return a.start().isBefore(ends) && a.end().isAfter(begins);
            });
            trueAlerts += matches ? 1 : 0;
        }
        double recall = found / (double) planted.size();
        double precision = alerts.isEmpty() ? 0 : trueAlerts / (double) alerts.size();
        System.out.printf("spikes: %d planted, %d alerts; recall (within 2 min) %.3f, precision %.3f%n",
                planted.size(), alerts.size(), recall, precision);
        assertTrue(planted.size() >= 25, "the simulation plants enough spikes: " + planted.size());
        assertTrue(recall >= 0.9, "recall " + recall);
        assertTrue(precision >= 0.9, "precision " + precision);
    }

    @Test
    void theBaselineIgnoresPastSpikesAndLearnsTheOverDispersion() {
        RandomDataGenerator random = new RandomDataGenerator(7L);
        int minutes = 8 * WEEK;
        // A spike every Tuesday 10:00-11:00 would move a mean by 1/8 of its size; the median does not move.
        List<Planted> oneWeek = List.of(new Planted(WEEK + 24 * 60 + 10 * 60, 60, 3.0));
        int[] history = simulate(random, minutes, HISTORY_START, oneWeek);
        SeasonalBaseline baseline = SeasonalBaseline.learn(history, HISTORY_START, ZONE);
        int tuesday10 = 24 + 10;
        double truth = 0;
        for (int m = 0; m < 60; m++) {
            truth += rate(HISTORY_START.plus(Duration.ofMinutes(24 * 60 + 10 * 60 + m)));
        }
        assertEquals(truth / 60, baseline.expectedPerMinute(tuesday10), truth / 60 * 0.1);
        // The day factor's variance is 1/44: the learned relative variance is of that order.
        assertTrue(baseline.relativeVariance() > 0.005 && baseline.relativeVariance() < 0.06,
                "relative variance " + baseline.relativeVariance());
    }

    @Test
    void theNegativeBinomialTailMatchesKnownValues() {
        // Poisson limit: P(X >= 3 | mean 1) = 1 - e^-1 (1 + 1 + 1/2) = 0.0803014...
        assertEquals(0.0803013970713942, SpikeDetector.upperTail(3, 1.0, 0), 1e-6);
        // Negative binomial with size 2 and mean 2 (p = 1/2): P(X >= 1) = 1 - p^2 = 0.75; P(X >= 2) = 1 - 0.25 - 0.25
        assertEquals(0.75, SpikeDetector.upperTail(1, 2.0, 0.5), 1e-12);
        assertEquals(0.5, SpikeDetector.upperTail(2, 2.0, 0.5), 1e-12);
        assertEquals(1.0, SpikeDetector.upperTail(0, 5.0, 0.1), 0);
    }

    @Test
    void aCountWithinOneStandardDeviationOfItsMeanNeverHasATailBelowTheScreenedBound() {
        // The detector skips the incomplete beta of such counts (size >= 1): the bound must hold at every mean and
        // size, and the smallest tails (the geometric's, size 1) must come close to it, or the screen is too loose.
        double smallest = 1;
        for (double size = 1; size <= 1e9; size *= 1.7) {
            for (double mean = 1e-3; mean <= 1e5; mean *= 1.13) {
                long atOneSd = (long) Math.floor(mean + Math.sqrt(mean + mean * mean / size));
                double tail = SpikeDetector.upperTail(atOneSd, mean, 1 / size);
                assertTrue(tail >= SpikeDetector.SCREENED_TAIL,
                        "tail " + tail + " at size " + size + ", mean " + mean + ", count " + atOneSd);
                smallest = Math.min(smallest, tail);
            }
        }
        assertTrue(smallest < 0.16, "smallest tail " + smallest);
    }
}
