package io.cxvalue.benchmarks;

/**
 * The intended send times of an open-loop load at a constant arrival rate: request i is due at
 * {@code start + i / rate}, whatever happened to the requests before it. A load generator that falls behind sends the
 * overdue requests at once and measures each one's latency from its intended time, so a stalled server is charged for
 * the whole stall (no coordinated omission).
 */
final class OpenLoopSchedule {

    private final long startNanos;
    private final double periodNanos;
    private final long count;

    /**
     * @param startNanos the intended send time of request 0 (a {@link System#nanoTime()} value)
     * @param rate       requests per second
     * @param count      requests in the schedule
     */
    OpenLoopSchedule(long startNanos, double rate, long count) {
        if (!(rate > 0) || count < 0) {
            throw new IllegalArgumentException("rate must be positive and count not negative");
        }
        this.startNanos = startNanos;
        this.periodNanos = 1e9 / rate;
        this.count = count;
    }

    /** Requests at {@code rate} during {@code seconds}. */
    static long count(double rate, double seconds) {
        return Math.round(rate * seconds);
    }

    long count() {
        return count;
    }

    /** The intended send time of request i. */
    long intendedNanos(long i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return startNanos + Math.round(i * periodNanos);
    }

    /** How many requests are due at {@code nowNanos} (intended at or before it), at most {@link #count()}. */
    long dueAt(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        long due = Math.min(count, (long) Math.floor((nowNanos - startNanos) / periodNanos) + 1);
        // Rounding of intendedNanos can put a request a nanosecond either side of the estimate: make it exact.
        while (due < count && intendedNanos(due) <= nowNanos) {
            due++;
        }
        while (due > 0 && intendedNanos(due - 1) > nowNanos) {
            due--;
        }
        return due;
    }

    /** The intended time of the last request plus one period: when the schedule is over. */
    long endNanos() {
        return startNanos + Math.round(count * periodNanos);
    }
}
