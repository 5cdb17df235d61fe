package io.cxvalue.contracts.consumer;

import io.smallrye.mutiny.Uni;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * How every consumer retries the unit of work that applies events. A failure {@code retryable} accepts (a store
 * failure, a lock conflict) is retried with exponential back-off up to {@code maxRetries} times; if the retries run out
 * while the store is away ({@link StoreOutages}), the unit of work is tried again every {@code maxBackoff} until the
 * store answers: the events are fine, and parking them would lose them for every reader of the store. Anything else
 * that outlasts the retries fails the returned Uni, for the caller to park. An {@link VirtualMachineError} is never
 * retried.
 */
public final class StoreRetries {

    private static final double JITTER = 0.2;

    private StoreRetries() {
    }

    /**
     * @param attempt   one attempt (subscribed once per attempt, so it must be lazy, e.g. {@code Uni.deferred})
     * @param executor  where a retry runs (the Vert.x context a reactive store needs), or null for Mutiny's default
     */
    public static <T> Uni<T> withRetry(Uni<T> attempt, PollConsumer.Retry retry, Predicate<Throwable> retryable,
            ScheduledExecutorService executor) {
        Uni<T> bounded = attempt;
        if (retry.maxRetries() > 0) {
            var retrying = attempt.onFailure(f -> !(f instanceof VirtualMachineError) && retryable.test(f)).retry()
                    .withBackOff(retry.initialBackoff(), retry.maxBackoff()).withJitter(JITTER);
            bounded = (executor == null ? retrying : retrying.withExecutor(executor)).atMost(retry.maxRetries());
        }
        return bounded.onFailure(StoreOutages::isOutage).recoverWithUni(outage -> {
            var waiting = attempt.onFailure(StoreOutages::isOutage).retry()
                    .withBackOff(retry.maxBackoff(), retry.maxBackoff());
            return (executor == null ? waiting : waiting.withExecutor(executor)).indefinitely();
        });
    }
}
