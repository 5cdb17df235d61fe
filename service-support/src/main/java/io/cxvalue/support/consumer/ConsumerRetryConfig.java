package io.cxvalue.support.consumer;

import io.cxvalue.contracts.consumer.PollConsumer;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How every consumer of a service retries a poll whose store write failed (the database restarting, a lost
 * connection, a serialization failure) before it applies the events one by one and parks those the store refuses;
 * while the store is away it keeps trying every {@link #maxBackoff()} (contracts' {@code StoreRetries}). The same
 * settings, under {@code cx.consumer.retry}, in every service.
 */
@ConfigMapping(prefix = "cx.consumer.retry")
public interface ConsumerRetryConfig {

    /** Retries after the first attempt. */
    @WithDefault("8")
    int maxRetries();

    /** Delay before the first retry; each next delay doubles, with jitter. */
    @WithDefault("PT0.5S")
    Duration initialBackoff();

    /** Upper bound of a single delay, and the interval of the tries while the store is away. */
    @WithDefault("PT15S")
    Duration maxBackoff();

    default PollConsumer.Retry policy() {
        return new PollConsumer.Retry(maxRetries(), initialBackoff(), maxBackoff());
    }
}
