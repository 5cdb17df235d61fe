package io.cxvalue.ingestion;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Strictly increasing outbox sequence numbers (epoch microseconds, bumped on ties), so the relay publishes one
 * customer's events in the order this instance stored them even when several fall in the same millisecond.
 */
public final class OutboxSequence {

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    public OutboxSequence(Clock clock) {
        this.clock = clock;
    }

    public long next() {
        long now = Math.multiplyExact(clock.millis(), 1000L);
        return last.updateAndGet(previous -> Math.max(previous + 1, now));
    }
}
