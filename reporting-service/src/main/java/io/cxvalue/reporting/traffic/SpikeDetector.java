package io.cxvalue.reporting.traffic;

import org.hipparchus.special.Beta;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds traffic spikes in a series of contacts per minute against a {@link SeasonalBaseline}. After each closed
 * minute, the contacts of the last 2, 5 and 15 minutes are each compared with their expected number: a minute alerts
 * when one of them is so far above it that a count at least as high has a probability under {@code alpha} (negative
 * binomial upper tail). The expectation is first scaled by how busy the three hours before the window ran against
 * the baseline (a gamma-Poisson update: a busy day is not a spike, and a spike on a quiet day still is). Short
 * windows catch a sharp spike within two minutes; longer ones a broad, gentler one.
 * Alerting minutes less than {@value #QUIET_MINUTES} minutes apart are one spike. Plain Java.
 */
public final class SpikeDetector {

    static final int[] WINDOWS = {2, 5, 15};
    /** Minutes without an alert that end a spike. */
    static final int QUIET_MINUTES = 10;
    /** The minutes before a window whose volume tells how busy the day runs against the baseline. */
    static final int LEVEL_MINUTES = 180;
    /**
     * A lower bound of the tail of a count at most one standard deviation above its mean, when the negative
     * binomial's size is at least 1 (a relative variance of at most 1): the geometric's is smallest, above 0.13 at
     * any mean (checked over a grid in the tests). Below it no count that close to its mean can alert, so its
     * incomplete beta is not computed: most minutes of a quarter are such, and the tail is most of detection's time.
     */
    static final double SCREENED_TAIL = 0.1;

    private final SeasonalBaseline baseline;
    private final double alpha;

    /** The window lengths compared after each minute, in minutes. */
    public static int[] windows() {
        return WINDOWS.clone();
    }

    public SpikeDetector(SeasonalBaseline baseline, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
        this.baseline = baseline;
        this.alpha = alpha;
    }

    /**
     * A spike: from the start of the window that first alerted to the end of the last alerting minute, the contacts
     * in it against those expected (with the central 95 % range of the count), and the smallest tail probability seen.
     *
     * @param alertedAt the end of the first alerting minute: when a live stream would have raised it
     */
    public record Spike(Instant start, Instant end, Instant alertedAt, long observed, double expected,
            long expectedLow, long expectedHigh, double tailProbability) {
    }

    /** The spikes in {@code minuteCounts} (contacts per minute from {@code start}, a whole minute, on). */
    public List<Spike> detect(int[] minuteCounts, Instant start) {
        int n = minuteCounts.length;
        double[] expected = new double[n];
        for (int m = 0; m < n; m++) {
            expected[m] = baseline.expectedInMinute(start.plus(Duration.ofMinutes(m)));
        }
        // Running sums of the minutes that set today's level (alerting minutes left out, so a spike does not raise
        // the level it is measured against).
        double[] levelObserved = new double[n + 1];
        double[] levelExpected = new double[n + 1];
        double prior = 1 / Math.max(baseline.relativeVariance(), 1e-9);
        // A screened window has a tail above SCREENED_TAIL: never the smallest of an alerting minute.
        boolean screens = alpha < SCREENED_TAIL;
        List<Spike> spikes = new ArrayList<>();
        int first = -1;
        int firstWindowStart = -1;
        int last = -1;
        double smallest = 1;
        for (int m = 0; m < n; m++) {
            double p = 1;
            int windowStart = m;
            for (int w : WINDOWS) {
                if (m + 1 < w) {
                    continue;
                }
                long observed = 0;
                double mean = 0;
                for (int i = m - w + 1; i <= m; i++) {
                    observed += minuteCounts[i];
                    mean += expected[i];
                }
                // The level of the hours before the window updates the baseline's: a gamma prior on the day's
                // factor (mean 1, relative variance as learned) and the contacts seen against those expected.
                int to = m - w + 1;
                int from = Math.max(0, to - LEVEL_MINUTES);
                double seen = levelObserved[to] - levelObserved[from];
                double due = levelExpected[to] - levelExpected[from];
                double size = prior + seen;
                double windowMean = mean * size / (prior + due);
                if (screens && size >= 1 && observed <= windowMean + Math.sqrt(windowMean + windowMean * windowMean
                        / size)) {
                    continue;
                }
                double tail = upperTail(observed, windowMean, 1 / size);
                if (tail < p) {
                    p = tail;
                    windowStart = m - w + 1;
                }
            }
            boolean alert = p < alpha;
            levelObserved[m + 1] = levelObserved[m] + (alert ? 0 : minuteCounts[m]);
            levelExpected[m + 1] = levelExpected[m] + (alert ? 0 : expected[m]);
            if (first >= 0 && m - last > QUIET_MINUTES) {
                spikes.add(spike(minuteCounts, expected, start, first, firstWindowStart, last, smallest));
                first = -1;
            }
            if (alert) {
                if (first < 0) {
                    first = m;
                    firstWindowStart = windowStart;
                    smallest = p;
                }
                last = m;
                smallest = Math.min(smallest, p);
            }
        }
        if (first >= 0) {
            spikes.add(spike(minuteCounts, expected, start, first, firstWindowStart, last, smallest));
        }
        return spikes;
    }

    private Spike spike(int[] counts, double[] expected, Instant start, int first, int from, int last,
            double smallest) {
        long observed = 0;
        double mean = 0;
        for (int m = from; m <= last; m++) {
            observed += counts[m];
            mean += expected[m];
        }
        double rv = baseline.relativeVariance();
        return new Spike(start.plus(Duration.ofMinutes(from)), start.plus(Duration.ofMinutes(last + 1L)),
                start.plus(Duration.ofMinutes(first + 1L)), observed, mean, quantile(0.025, mean, rv),
                quantile(0.975, mean, rv), smallest);
    }

    /**
     * P(X >= x) for a negative binomial count with mean {@code mean} and variance {@code mean + rv * mean^2}
     * (Poisson in the limit {@code rv = 0}): the regularized incomplete beta I_{1-p}(x, r), with size r = 1 / rv and
     * p = r / (r + mean), computed directly so a tiny tail keeps its precision.
     */
    static double upperTail(long x, double mean, double relativeVariance) {
        if (x <= 0) {
            return 1;
        }
        if (mean <= 0) {
            return 0;
        }
        double size = 1 / Math.max(relativeVariance, 1e-9);
        double p = size / (size + mean);
        return Beta.regularizedBeta(1 - p, x, size);
    }

    /** The smallest count whose cumulative probability reaches {@code q}. */
    public static long quantile(double q, double mean, double relativeVariance) {
        long low = 0;
        long high = Math.max(1, (long) Math.ceil(mean * 4 + 50));
        while (low < high) {
            long mid = (low + high) >>> 1;
            // P(X <= mid) = 1 - P(X >= mid + 1)
            if (1 - upperTail(mid + 1, mean, relativeVariance) >= q) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
