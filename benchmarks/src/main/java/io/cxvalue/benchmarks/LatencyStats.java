package io.cxvalue.benchmarks;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * Latencies of one measured phase in an HdrHistogram (1 µs to 60 s, 3 significant digits: every percentile within
 * 0.1 %), plus the requests that failed: a non-2xx answer, a timeout or a transport error. Failed requests are counted,
 * never recorded as latencies and never dropped. Not thread-safe: one event loop records.
 */
final class LatencyStats {

    private static final long MAX_MICROS = 60_000_000L;

    private final Histogram histogram = new Histogram(1, MAX_MICROS, 3);
    private long ok;
    private long non2xx;
    private long timeouts;
    private long late;
    private long transportErrors;
    private long unexpected;
    private long maxMicros;
    private String firstError;
    private String firstUnexpected;

    /** A 2xx answer whose latency from the intended send time was {@code nanos}. */
    void recordOk(long nanos) {
        long micros = Math.max(1, Math.min(MAX_MICROS, nanos / 1000));
        histogram.recordValue(micros);
        maxMicros = Math.max(maxMicros, nanos / 1000);
        ok++;
    }

    void recordNon2xx() {
        non2xx++;
    }

    /** A non-2xx answer; the first one's description is kept for the report. */
    void recordNon2xx(String what) {
        non2xx++;
        first(what);
    }

    void recordTimeout() {
        timeouts++;
    }

    void recordTimeout(String what) {
        timeouts++;
        first(what);
    }

    /** A 2xx answer that came after the timeout: a timeout, but the service did answer it. */
    void recordLate(String what) {
        timeouts++;
        late++;
        first(what);
    }

    /** Answers received (in time or late, any status): what the service got through. */
    long answered() {
        return ok + non2xx + late;
    }

    void recordTransportError() {
        transportErrors++;
    }

    void recordTransportError(String what) {
        transportErrors++;
        first(what);
    }

    private void first(String what) {
        if (firstError == null && what != null) {
            firstError = what.length() > 300 ? what.substring(0, 300) + "..." : what;
        }
    }

    /** The description of the first failure, or null. */
    String firstError() {
        return firstError;
    }

    /** A 2xx answer that said something other than expected (e.g. an unknown card for a seeded customer). */
    void recordUnexpected() {
        unexpected++;
    }

    void recordUnexpected(String what) {
        unexpected++;
        if (firstUnexpected == null && what != null) {
            firstUnexpected = what.length() > 300 ? what.substring(0, 300) + "..." : what;
        }
    }

    /** The first unexpected answer, or null. */
    String firstUnexpected() {
        return firstUnexpected;
    }

    long ok() {
        return ok;
    }

    long non2xx() {
        return non2xx;
    }

    long timeouts() {
        return timeouts;
    }

    long transportErrors() {
        return transportErrors;
    }

    long unexpected() {
        return unexpected;
    }

    long errors() {
        return non2xx + timeouts + transportErrors;
    }

    long total() {
        return ok + errors();
    }

    /** The latency at percentile p (0-100) of the successful requests, in milliseconds; NaN when there are none. */
    double percentileMs(double p) {
        if (ok == 0) {
            return Double.NaN;
        }
        return histogram.getValueAtPercentile(p) / 1000.0;
    }

    double maxMs() {
        return ok == 0 ? Double.NaN : maxMicros / 1000.0;
    }

    double meanMs() {
        return ok == 0 ? Double.NaN : histogram.getMean() / 1000.0;
    }

    String errorSummary() {
        if (errors() == 0 && unexpected == 0) {
            return "0";
        }
        StringBuilder b = new StringBuilder().append(errors());
        b.append(String.format(Locale.ROOT, " (non-2xx %d, timeouts %d, transport %d", non2xx, timeouts,
                transportErrors));
        if (unexpected > 0) {
            b.append(", unexpected answers ").append(unexpected);
        }
        return b.append(')').toString();
    }
}
