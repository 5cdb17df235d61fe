package io.cxvalue.reporting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import java.time.Duration;

/** Settings of reporting-service under {@code cx.reporting}. */
@ConfigMapping(prefix = "cx.reporting")
public interface ReportingConfig {

    /** How the consumer retries an event whose write to MongoDB failed. */
    StoreRetry storeRetry();

    /** How the outbox relay publishes the events reporting emits (erasure confirmations). */
    Outbox outbox();

    interface StoreRetry {

        /** Retries after the first attempt; when they are used up the event is dead-lettered. */
        @PositiveOrZero
        @Max(100)
        int maxRetries();

        /** Wait before the first retry; it doubles (with jitter) on each further retry. */
        Duration initialBackoff();

        /** Upper bound of the wait between two retries. */
        Duration maxBackoff();
    }

    interface Outbox {

        /** Largest batch the relay may send before it awaits the acks: the emitter buffers that many records. */
        int MAX_BATCH_SIZE = 1024;

        /** Whether this instance relays pending outbox events to Kafka. */
        @WithDefault("true")
        boolean relayEnabled();

        /**
         * How often the relay looks for pending events, as {@code @Scheduled(every)} reads it (e.g. {@code 1s}); it
         * is also woken right after each erasure is stored. Read by the scheduler from the property itself.
         */
        String pollInterval();

        /** Most outbox events published per relay batch. */
        @Positive
        @Max(MAX_BATCH_SIZE)
        int batchSize();
    }
}
