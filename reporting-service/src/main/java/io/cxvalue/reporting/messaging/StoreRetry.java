package io.cxvalue.reporting.messaging;

import com.mongodb.MongoException;
import io.cxvalue.reporting.config.ReportingConfig;
import io.smallrye.mutiny.Uni;

/**
 * The retry policy for writing an event's effect to MongoDB.
 * <p>
 * Store failures (server unreachable, election in progress, timeouts) say nothing about the event, so the event is
 * retried with exponential backoff instead of being dead-lettered on the first failure. The retry is bounded: a
 * partition stays blocked while its record is retried, and an outage longer than the budget parks the event on the
 * dead-letter topic with its original headers, from where a replay is safe because applying is idempotent.
 * Anything else (a malformed event, a bug) fails at once: retrying cannot fix it.
 */
final class StoreRetry {

    private static final double JITTER = 0.2;

    private StoreRetry() {
    }

    static boolean isStoreFailure(Throwable failure) {
        return failure instanceof MongoException;
    }

    static <T> Uni<T> withRetry(Uni<T> write, ReportingConfig.StoreRetry policy) {
        if (policy.maxRetries() == 0) {
            return write;
        }
        return write.onFailure(StoreRetry::isStoreFailure).retry()
                .withBackOff(policy.initialBackoff(), policy.maxBackoff())
                .withJitter(JITTER)
                .atMost(policy.maxRetries());
    }
}
