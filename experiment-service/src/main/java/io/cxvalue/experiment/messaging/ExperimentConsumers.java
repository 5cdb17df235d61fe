package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.experiment.service.ErasureService;
import io.cxvalue.support.consumer.ConsumerRetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.vertx.core.ContextAwareScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.List;

/**
 * Builds this service's consumers on the shared skeleton ({@link PollConsumer}): its retry policy, its dead-letter
 * channel (each parked record goes to its own topic's {@code .dlq.experiment-service}), and retries handed back to
 * the Vert.x context the poll was dispatched on (back-off timers fire on Mutiny's worker pool, but Hibernate Reactive
 * must run on that context).
 */
@ApplicationScoped
public class ExperimentConsumers {

    /** The consumer group of the consumers of cx.interactions (compliance), cx.scores and cx.erasures. */
    static final String GROUP = "experiment-service";
    /** A whole poll may be parked at once when the store refuses it. */
    private static final int DEAD_LETTER_BUFFER = 10_000;

    private final ConsumerRetryConfig retry;
    private final Emitter<String> deadLetters;
    private final MeterRegistry registry;

    ExperimentConsumers(ConsumerRetryConfig retry,
            @Channel("dead-letters") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = DEAD_LETTER_BUFFER)
            Emitter<String> deadLetters, MeterRegistry registry) {
        this.retry = retry;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    PollConsumer of(Class<?> consumer, String group, List<String> topics) {
        return new PollConsumer(consumer, ErasureService.SERVICE, group, topics, retry.policy(),
                () -> ContextAwareScheduler.delegatingTo(Infrastructure.getDefaultWorkerPool()).withCurrentContext(),
                deadLetters, registry);
    }
}
