package io.cxvalue.reporting.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;

import java.time.Duration;

/** Settings of reporting-service under {@code cx.reporting}. */
@ConfigMapping(prefix = "cx.reporting")
public interface ReportingConfig {

    /** How the consumer retries an event whose write to MongoDB failed. */
    StoreRetry storeRetry();

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
}
