package io.cxvalue.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyStatsTest {

    /** The exact percentile of a sample: the smallest value with at least p % of the values at or below it. */
    private static double exact(long[] sortedNanos, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    @Test
    void percentilesAgreeWithTheExactOnesWithinATenthOfAPercent() {
        Random r = new Random(7);
        long[] nanos = new long[100_000];
        LatencyStats stats = new LatencyStats();
        for (int i = 0; i < nanos.length; i++) {
            // Log-normal around 2 ms with a long tail, as service latencies look.
            nanos[i] = (long) (2_000_000 * Math.exp(r.nextGaussian() * 0.8));
            stats.recordOk(nanos[i]);
        }
        Arrays.sort(nanos);
        for (double p : new double[] {50, 90, 99, 99.9}) {
            double want = exact(nanos, p);
            double got = stats.percentileMs(p);
            assertEquals(want, got, want * 0.001 + 0.001, "p" + p);
        }
        assertEquals(nanos[nanos.length - 1] / 1e6, stats.maxMs(), 0.001);
        assertEquals(100_000, stats.ok());
    }

    @Test
    void aSingleSlowRequestIsTheMaxAndTheTopPercentile() {
        LatencyStats stats = new LatencyStats();
        for (int i = 0; i < 999; i++) {
            stats.recordOk(1_000_000);
        }
        stats.recordOk(250_000_000);
        assertEquals(1.0, stats.percentileMs(50), 0.001);
        assertEquals(1.0, stats.percentileMs(99.9), 0.001);
        assertEquals(250.0, stats.percentileMs(100), 0.25);
        assertEquals(250.0, stats.maxMs(), 0.001);
    }

    @Test
    void failuresAreCountedNotRecordedAsLatencies() {
        LatencyStats stats = new LatencyStats();
        stats.recordOk(3_000_000);
        stats.recordNon2xx();
        stats.recordTimeout();
        stats.recordTimeout();
        stats.recordTransportError();
        stats.recordUnexpected();
        assertEquals(1, stats.ok());
        assertEquals(4, stats.errors());
        assertEquals(5, stats.total());
        assertEquals(3.0, stats.percentileMs(99), 0.01);
        assertEquals("4 (non-2xx 1, timeouts 2, transport 1, unexpected answers 1)", stats.errorSummary());
    }

    @Test
    void noAnswersHaveNoPercentiles() {
        LatencyStats stats = new LatencyStats();
        stats.recordTimeout();
        assertTrue(Double.isNaN(stats.percentileMs(50)));
        assertTrue(Double.isNaN(stats.maxMs()));
        assertEquals("1 (non-2xx 0, timeouts 1, transport 0)", stats.errorSummary());
    }

    @Test
    void subMicrosecondAndHugeLatenciesStayInRange() {
        LatencyStats stats = new LatencyStats();
        stats.recordOk(10);
        stats.recordOk(120_000_000_000L);
        assertEquals(2, stats.ok());
        assertTrue(stats.percentileMs(100) >= 59_000);
    }
}
