package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.consumer.StoreRetries;
import io.cxvalue.experiment.config.ConsumerRetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a store unit of work of the per-record consumers under contracts' {@link StoreRetries} (exponential back-off;
 * while the database is away, tried until it is back), each attempt on the record's Vert.x context. A failure that
 * is not an outage and outlasts the retries fails for good and the event is dead-lettered with the reason, from
 * where it can be replayed (applying is idempotent).
 *
 * <p>Only the store phase is retried; a record that cannot be parsed never reaches it.
 */
@ApplicationScoped
public class StoreRetry {

    private static final Logger LOG = Logger.getLogger(StoreRetry.class);

    private final ConsumerRetryConfig config;
    private final Vertx vertx;
    private final Counter failedAttempts;

    public StoreRetry(ConsumerRetryConfig config, Vertx vertx, MeterRegistry registry) {
        this.config = config;
        this.vertx = vertx;
        this.failedAttempts = Counter.builder("cx.experiment.store.failed.attempts")
                .description("Store writes of consumed events that failed and were retried or dead-lettered")
                .register(registry);
    }

    /**
     * Runs {@code unitOfWork} (a new subscription per attempt) until it succeeds or the budget is spent.
     *
     * @throws EventNotAppliedException (as the failure of the returned Uni) once the budget is spent
     */
    public <T> Uni<T> apply(String eventId, Supplier<Uni<? extends T>> unitOfWork) {
        // Back-off delays fire on a worker thread; every attempt must run on the record's Vert.x context again,
        // where Hibernate Reactive keeps its session.
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        Executor onRecordContext = task -> context.runOnContext(ignored -> task.run());
        AtomicInteger attempts = new AtomicInteger();
        Uni<T> attempt = Uni.createFrom().<T>deferred(unitOfWork)
                .runSubscriptionOn(onRecordContext)
                .onFailure().invoke(failure -> {
                    failedAttempts.increment();
                    LOG.warnf("Attempt %d to apply event %s failed: %s", attempts.incrementAndGet(), eventId,
                            failure.getMessage());
                });
        return StoreRetries.withRetry(attempt, config.policy(), failure -> true, null)
                .onFailure().transform(failure -> new EventNotAppliedException(eventId, attempts.get(), failure));
    }
}
