package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.scoring.service.ErasureService;
import io.cxvalue.support.consumer.ConsumerRetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.vertx.core.ContextAwareScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds this service's batch consumers on the shared skeleton ({@link PollConsumer}): its consumer group, its
 * retry policy, its dead-letter channel, and retries handed back to the Vert.x context the poll was dispatched on
 * (back-off timers fire on Mutiny's worker pool, but the reactive SQL client must run on that context).
 */
@ApplicationScoped
public class PollConsumers {

    static final String GROUP = "scoring-service";
    /** A whole poll may be parked at once when the store stays down. */
    private static final int DEAD_LETTER_BUFFER = 10_000;

    private final ConsumerRetryConfig retry;
    private final Emitter<String> deadLetters;
    private final MeterRegistry registry;

    public PollConsumers(ConsumerRetryConfig retry,
            @Channel("dead-letters") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = DEAD_LETTER_BUFFER)
            Emitter<String> deadLetters, MeterRegistry registry) {
        this.retry = retry;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    PollConsumer of(Class<?> consumer, String topic) {
        return new PollConsumer(consumer, ErasureService.SERVICE, GROUP, List.of(topic), retry.policy(),
                PollConsumers::onCurrentVertxContext, deadLetters, registry);
    }

    /**
     * Back-off timers fire on Mutiny's worker pool, but Hibernate Reactive and the reactive SQL client must run on the
     * Vert.x context the poll was dispatched on: this scheduler hands every retry back to that context.
     */
    static ScheduledExecutorService onCurrentVertxContext() {
        return ContextAwareScheduler.delegatingTo(Infrastructure.getDefaultWorkerPool()).withCurrentContext();
    }
}
