package io.cxvalue.reporting.messaging;

import com.mongodb.MongoException;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.consumer.StoreRetries;
import io.cxvalue.reporting.repository.ProgressRepository;
import io.cxvalue.reporting.service.ErasureService;
import io.cxvalue.support.consumer.ConsumerRetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Builds this service's consumers on the shared skeleton ({@link PollConsumer}): its retry policy, its dead-letter
 * channel (each parked record goes to its own topic's {@code .dlq.reporting-service}), and the progress a poll
 * records for the freshness of the answers.
 */
@ApplicationScoped
public class ReportingConsumers {

    private static final Logger LOG = Logger.getLogger(ReportingConsumers.class);
    /** A whole poll may be parked at once when the store refuses it. */
    private static final int DEAD_LETTER_BUFFER = 10_000;

    private final ConsumerRetryConfig retry;
    private final Emitter<String> deadLetters;
    private final MeterRegistry registry;
    private final ProgressRepository progress;

    ReportingConsumers(ConsumerRetryConfig retry,
            @Channel("dead-letters") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = DEAD_LETTER_BUFFER)
            Emitter<String> deadLetters, MeterRegistry registry, ProgressRepository progress) {
        this.retry = retry;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.progress = progress;
    }

    /** A consumer of {@code topics} in consumer group {@code group}; MongoDB's driver needs no particular thread. */
    PollConsumer of(Class<?> consumer, String group, List<String> topics) {
        return new PollConsumer(consumer, ErasureService.SERVICE, group, topics, retry.policy(), () -> null,
                deadLetters, registry);
    }

    /**
     * Records where a poll left its partitions, waiting for the store like an apply does. A failure beyond that is
     * logged and dropped: the progress only dates the answers, and the next poll records it again.
     */
    Uni<Void> record(PollProgress poll) {
        return StoreRetries.withRetry(Uni.createFrom().deferred(() -> progress.record(poll.positions())),
                        retry.policy(), failure -> failure instanceof MongoException, null)
                .onFailure(failure -> !(failure instanceof VirtualMachineError))
                .recoverWithItem(failure -> {
                    LOG.warnf("Could not record the progress of a poll: %s", failure.toString());
                    return null;
                });
    }
}
