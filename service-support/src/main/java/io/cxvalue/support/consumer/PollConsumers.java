package io.cxvalue.support.consumer;

import io.cxvalue.contracts.consumer.PollConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.vertx.core.ContextAwareScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Builds a service's consumers on the shared skeleton ({@link PollConsumer}), the same way in every service: the
 * service's name ({@code quarkus.application.name}) on their meters and dead letters, its retry policy
 * ({@link ConsumerRetryConfig}), and its {@code dead-letters} channel (each parked record goes to its own topic's
 * {@code .dlq.<service>}).
 */
@ApplicationScoped
public class PollConsumers {

    /** A whole poll may be parked at once when the store refuses it. */
    private static final int DEAD_LETTER_BUFFER = 10_000;

    private final String service;
    private final ConsumerRetryConfig retry;
    private final Emitter<String> deadLetters;
    private final MeterRegistry registry;

    PollConsumers(@ConfigProperty(name = "quarkus.application.name") String service, ConsumerRetryConfig retry,
            @Channel("dead-letters") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = DEAD_LETTER_BUFFER)
            Emitter<String> deadLetters, MeterRegistry registry) {
        this.service = service;
        this.retry = retry;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    /** A consumer in the service's own consumer group (named as the service), see {@link #of(Class, String, List)}. */
    public PollConsumer of(Class<?> consumer, List<String> topics) {
        return of(consumer, service, topics);
    }

    /** A consumer whose retries run where Mutiny schedules them: for a store with no thread of its own (MongoDB). */
    public PollConsumer of(Class<?> consumer, String group, List<String> topics) {
        return create(consumer, group, topics, () -> null);
    }

    /** A consumer in the service's own consumer group, see {@link #onVertxContext(Class, String, List)}. */
    public PollConsumer onVertxContext(Class<?> consumer, List<String> topics) {
        return onVertxContext(consumer, service, topics);
    }

    /**
     * A consumer whose retries are handed back to the Vert.x context the poll was dispatched on: back-off timers fire
     * on Mutiny's worker pool, but Hibernate Reactive and the reactive SQL client must run on that context.
     */
    public PollConsumer onVertxContext(Class<?> consumer, String group, List<String> topics) {
        return create(consumer, group, topics, PollConsumers::onCurrentVertxContext);
    }

    private PollConsumer create(Class<?> consumer, String group, List<String> topics,
            Supplier<ScheduledExecutorService> retryExecutor) {
        return new PollConsumer(consumer, service, group, topics, retry.policy(), retryExecutor, deadLetters,
                registry);
    }

    private static ScheduledExecutorService onCurrentVertxContext() {
        return ContextAwareScheduler.delegatingTo(Infrastructure.getDefaultWorkerPool()).withCurrentContext();
    }
}
