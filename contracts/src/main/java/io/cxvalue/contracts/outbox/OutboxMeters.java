package io.cxvalue.contracts.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The counters of a relay: {@code <prefix>.published} and {@code <prefix>.failed.rounds}. */
public final class OutboxMeters implements RelayRounds.Meters {

    private final Counter published;
    private final Counter failedRounds;

    private OutboxMeters(Counter published, Counter failedRounds) {
        this.published = published;
        this.failedRounds = failedRounds;
    }

    /** Registers (or finds) the counters, so they are exported at zero from the start. */
    public static OutboxMeters register(MeterRegistry registry, String prefix) {
        return new OutboxMeters(
                Counter.builder(prefix + ".published")
                        .description("Events the outbox relay published and the broker acknowledged")
                        .register(registry),
                Counter.builder(prefix + ".failed.rounds")
                        .description("Relay rounds that failed and left their events pending for a later round")
                        .register(registry));
    }

    @Override
    public void published() {
        published.increment();
    }

    @Override
    public void roundFailed() {
        failedRounds.increment();
    }
}
