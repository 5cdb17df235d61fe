package io.cxvalue.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/** Scoring settings ({@code cx.scoring.*}). */
@ConfigMapping(prefix = "cx.scoring")
public interface ScoringConfig {

    /** How a consumer retries an event whose store update failed (the event itself was valid). */
    ConsumerRetry consumerRetry();

    /** How the outbox relay publishes the events stored in the outbox. */
    Outbox outbox();

    /** The rules of the per-customer state (contact history, transaction days). */
    CustomerState customerState();

    interface CustomerState {

        /** The window the contact history looks at (at least 30 days: it counts the contacts of the last 30). */
        @WithDefault("P30D")
        Duration contactLookback();

        /** Two contacts about one reason within this window make a repeat caller (ARCHITECTURE.md: 7 days). */
        @WithDefault("P7D")
        Duration repeatWindow();

        /** The time zone of the business calendar: which day a transaction belongs to. */
        @WithDefault("UTC")
        ZoneId businessTimeZone();
    }

    interface ConsumerRetry {

        /**
         * Retries after the first failed attempt before the event is dead-lettered. With the default back-off they
         * span about 20 s (30 s at most with jitter): long enough to ride out a database fail-over or a lock
         * conflict, and shorter than the Kafka connector's limit on how long a record may stay unprocessed (60 s by
         * default) before it reports the channel unhealthy.
         */
        @WithDefault("8")
        int maxRetries();

        /** Delay before the first retry; it doubles (with jitter) on each further retry. */
        @WithDefault("PT0.2S")
        Duration initialBackoff();

        /** The longest delay between two retries. */
        @WithDefault("PT5S")
        Duration maxBackoff();
    }

    interface Outbox {

        /** Whether this instance relays the outbox to Kafka. Several instances may relay at once (rows are claimed). */
        @WithDefault("true")
        boolean relayEnabled();

        /** Most events claimed, published and deleted in one relay transaction. */
        @WithDefault("200")
        int batchSize();

        /**
         * How often the relay looks for pending events. It is also woken right after each write, so this mainly
         * bounds how late events left by a failed round or a crashed instance go out.
         */
        @WithDefault("PT1S")
        Duration pollInterval();
    }
}
