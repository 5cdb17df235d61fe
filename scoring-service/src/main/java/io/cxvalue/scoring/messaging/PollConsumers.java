package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.service.ErasureService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.List;

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

    private final ScoringConfig config;
    private final Emitter<String> deadLetters;
    private final MeterRegistry registry;

    public PollConsumers(ScoringConfig config,
            @Channel("dead-letters") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = DEAD_LETTER_BUFFER)
            Emitter<String> deadLetters, MeterRegistry registry) {
        this.config = config;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    PollConsumer of(Class<?> consumer, String topic) {
        ScoringConfig.ConsumerRetry retry = config.consumerRetry();
        return new PollConsumer(consumer, ErasureService.SERVICE, GROUP, List.of(topic),
                new PollConsumer.Retry(retry.maxRetries(), retry.initialBackoff(), retry.maxBackoff()),
                ConsumedEvents::onCurrentVertxContext,
                deadLetters, registry);
    }
}
