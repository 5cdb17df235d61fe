package io.cxvalue.experiment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the outbox relay publishes the events stored in the outbox ({@code experiment.outbox.*}). */
@ConfigMapping(prefix = "experiment.outbox")
public interface OutboxConfig {

    /** Whether this instance relays the outbox to Kafka. Several instances may relay at once (rows are claimed). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Most events claimed, published and deleted in one relay transaction. */
    @WithDefault("200")
    int batchSize();

    /**
     * How often the relay looks for pending events. It is also woken right after each write, so this mainly bounds
     * how late events left by a failed round or a crashed instance go out.
     */
    @WithDefault("PT1S")
    Duration pollInterval();
}
