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

    public static final String PUBLISHED = "cx.outbox.published";
    public static final String FAILED_ROUNDS = "cx.outbox.failed.rounds";

    /**
     * Registers (or finds) the service's counters, {@value #PUBLISHED} and {@value #FAILED_ROUNDS} tagged with the
     * service, so they are exported at zero from the start; every service's outbox has the same names.
     */
    public static OutboxMeters register(MeterRegistry registry, String service) {
        return new OutboxMeters(
                Counter.builder(PUBLISHED)
                        .description("Events the outbox relay published and the broker acknowledged")
                        .tag("service", service)
                        .register(registry),
                Counter.builder(FAILED_ROUNDS)
                        .description("Relay rounds that failed and left their events pending for a later round")
                        .tag("service", service)
                        .register(registry));
    }

    @Override
    public void published(int count) {
        published.increment(count);
    }

    @Override
    public void roundFailed() {
        failedRounds.increment();
    }
}
