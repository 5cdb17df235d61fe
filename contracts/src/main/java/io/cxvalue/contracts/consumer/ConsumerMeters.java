package io.cxvalue.contracts.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one set of consumer metrics across services, tagged with the service, the consumer group and the topic:
 * {@value #EVENTS} by outcome, {@value #FAILED_ATTEMPTS} and the time to apply a poll, {@value #APPLY_TIME}. A count
 * over a poll whose events span topics is tagged with the topic of its first record (the sum over topics holds).
 */
public final class ConsumerMeters {

    public static final String EVENTS = "cx.consumer.events";
    public static final String FAILED_ATTEMPTS = "cx.consumer.failed.attempts";
    public static final String APPLY_TIME = "cx.consumer.batch.apply";

    private ConsumerMeters() {
    }

    /**
     * Events consumed with an outcome: {@code applied}, {@code duplicate} (skipped), {@code ignored} (a type of the
     * topic the consumer does not use), {@code rejected} (malformed, dead-lettered at once), {@code failed}
     * (dead-lettered after the store kept refusing it).
     */
    public static Counter events(MeterRegistry registry, String service, String group, String topic, String outcome) {
        return Counter.builder(EVENTS)
                .description("Events consumed, by outcome: applied, duplicate (skipped), ignored (a type of the "
                        + "topic this service does not use), rejected (malformed, dead-lettered at once), failed "
                        + "(dead-lettered after the store kept refusing it)")
                .tags("service", service, "group", group, "topic", topic, "outcome", outcome)
                .register(registry);
    }

    /** Attempts to apply events that failed (each retried, or the events dead-lettered). */
    public static Counter failedAttempts(MeterRegistry registry, String service, String group, String topic) {
        return Counter.builder(FAILED_ATTEMPTS)
                .description("Attempts to apply a poll's events that failed and were retried")
                .tags("service", service, "group", group, "topic", topic)
                .register(registry);
    }
}
