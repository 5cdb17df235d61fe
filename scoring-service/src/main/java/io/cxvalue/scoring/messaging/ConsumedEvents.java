package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.service.ErasureService;
import io.cxvalue.scoring.service.EventOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.vertx.core.ContextAwareScheduler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * What every state consumer of this service does with a record, by kind of failure, with its meters (tagged with the
 * topic).
 * <ul>
 *   <li>A record that contracts' {@code EventReader} rejects will never succeed: it is rejected at once (the returned
 *       Uni fails), and the channel's {@code dead-letter-queue} failure strategy parks it on
 *       {@code <topic>.dlq.scoring-service} with the reason in its headers.</li>
 *   <li>A valid event of a type the consumer does not use is acknowledged and skipped.</li>
 *   <li>A valid event whose store update fails (connection lost, fail-over, lock or key conflict with another
 *       instance) is retried with exponential back-off, in a new transaction each time; only when the retries are
 *       exhausted is it dead-lettered, so a long outage does not stall the partition forever and the event can still
 *       be replayed from the dead-letter topic.</li>
 * </ul>
 * Records are processed one at a time, so one customer's events (one key, one partition) are applied in order.
 */
final class ConsumedEvents {

    private static final String EVENTS_METER = PollConsumer.EVENTS;
    private static final String FAILED_ATTEMPTS_METER = PollConsumer.FAILED_ATTEMPTS;

    private final Logger log;
    private final ScoringConfig.ConsumerRetry retry;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter ignored;
    private final Counter rejected;
    private final Counter deadLetteredAfterRetries;
    private final Counter failedAttempts;

    ConsumedEvents(String topic, Class<?> consumer, ScoringConfig config, MeterRegistry registry) {
        this.log = Logger.getLogger(consumer);
        this.retry = config.consumerRetry();
        this.applied = eventCounter(registry, topic, "applied");
        this.duplicates = eventCounter(registry, topic, "duplicate");
        this.ignored = eventCounter(registry, topic, "ignored");
        this.rejected = eventCounter(registry, topic, "rejected");
        this.deadLetteredAfterRetries = eventCounter(registry, topic, "failed");
        this.failedAttempts = Counter.builder(FAILED_ATTEMPTS_METER)
                .description("Attempts to apply a valid event that failed in the store and were retried or given up")
                .tag("service", ErasureService.SERVICE)
                .tag("topic", topic)
                .register(registry);
    }

    /**
     * Reads the record with {@code reader} (contracts' {@code EventReader}) and applies the event with
     * {@code apply}, which must open its own transaction on each call: it is called again on each retry.
     * {@code reader} returns empty for a valid event this consumer does not use.
     */
    <T extends CxEvent> Uni<Void> consume(ConsumerRecord<String, String> record,
            Function<ConsumerRecord<String, String>, Optional<ReceivedEvent<T>>> reader,
            Function<ReceivedEvent<T>, Uni<EventOutcome>> apply) {
        Optional<ReceivedEvent<T>> read;
        try {
            read = reader.apply(record);
        } catch (MalformedEventException e) {
            rejected.increment();
            log.warnf("Rejecting %s: %s", position(record), e.getMessage());
            // Failing the message nacks it: the dead-letter-queue failure strategy takes it from here.
            return Uni.createFrom().failure(e);
        }
        if (read.isEmpty()) {
            ignored.increment();
            return Uni.createFrom().voidItem();
        }
        ReceivedEvent<T> received = read.get();
        return Uni.createFrom()
                // Deferred, so that each retry calls the service again and so runs in a fresh transaction.
                .<EventOutcome>deferred(() -> apply.apply(received))
                .onFailure().invoke(failure -> {
                    failedAttempts.increment();
                    log.warnf("Store update for %s failed: %s", position(record), failure.toString());
                })
                .onFailure().retry()
                .withBackOff(retry.initialBackoff(), retry.maxBackoff())
                .withExecutor(onCurrentVertxContext())
                .atMost(retry.maxRetries())
                .onItem().invoke(outcome -> (outcome == EventOutcome.APPLIED ? applied : duplicates).increment())
                .onFailure().invoke(failure -> {
                    deadLetteredAfterRetries.increment();
                    log.errorf(failure, "Giving up on %s after %d retries; dead-lettering it",
                            position(record), retry.maxRetries());
                })
                .replaceWithVoid();
    }

    /**
     * Back-off timers fire on Mutiny's worker pool, but Hibernate Reactive and the reactive SQL client must run on the
     * Vert.x context the record was dispatched on: this scheduler hands every retry back to that context.
     */
    static ScheduledExecutorService onCurrentVertxContext() {
        return ContextAwareScheduler.delegatingTo(Infrastructure.getDefaultWorkerPool()).withCurrentContext();
    }

    private static Counter eventCounter(MeterRegistry registry, String topic, String outcome) {
        return Counter.builder(EVENTS_METER)
                .description("Events consumed, by outcome: applied, duplicate (skipped), ignored (a type of the "
                        + "topic scoring does not use), rejected (malformed, dead-lettered at once), failed "
                        + "(dead-lettered after the store kept failing)")
                .tag("service", ErasureService.SERVICE)
                .tag("topic", topic)
                .tag("outcome", outcome)
                .register(registry);
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
