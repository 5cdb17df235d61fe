package io.cxvalue.experiment.config;

import io.cxvalue.contracts.consumer.PollConsumer;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How long a consumer keeps retrying an event whose store write failed (the database restarting, a lost connection,
 * a serialization failure) before it parks the event on the dead-letter topic. Failures of the event itself (it
 * cannot be parsed or is invalid) are never retried.
 */
@ConfigMapping(prefix = "experiment.consumer.retry")
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
