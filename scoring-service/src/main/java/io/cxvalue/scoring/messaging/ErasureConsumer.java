package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.service.ErasureService;
import io.cxvalue.scoring.service.ErasureService.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.vertx.core.ContextAwareScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Applies the erasure requests of {@code cx.erasures}: the customer's data is deleted and an
 * {@code ErasureCompleted} confirmation is stored in the outbox, in one transaction; the outbox relay is then woken
 * to publish it. The confirmations of other services on the same topic are valid events of another type: skipped.
 * <p>
 * Failures are handled as in {@link InteractionConsumer}: a record that contracts' {@link EventReader} rejects is
 * failed at once and dead-lettered to {@code cx.erasures.dlq.scoring-service} with the reason; a valid request whose
 * transaction fails is retried with back-off, in a new transaction each time, and dead-lettered only when the retries
 * are exhausted (it can be replayed from there).
 */
@ApplicationScoped
// Created at start rather than on the first record, so that its meters are exported (at zero) from the beginning.
@Startup
public class ErasureConsumer {

    private static final Logger LOG = Logger.getLogger(ErasureConsumer.class);
    private static final String EVENTS_METER = "cx.consumer.events";
    private static final String FAILED_ATTEMPTS_METER = "cx.consumer.failed.attempts";

    private final ErasureService erasures;
    private final OutboxRelay relay;
    private final ScoringConfig.ConsumerRetry retry;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter ignored;
    private final Counter rejected;
    private final Counter deadLetteredAfterRetries;
    private final Counter failedAttempts;

    public ErasureConsumer(ErasureService erasures, OutboxRelay relay, ScoringConfig config, MeterRegistry registry) {
        this.erasures = erasures;
        this.relay = relay;
        this.retry = config.consumerRetry();
        this.applied = eventCounter(registry, "applied");
        this.duplicates = eventCounter(registry, "duplicate");
        this.ignored = eventCounter(registry, "ignored");
        this.rejected = eventCounter(registry, "rejected");
        this.deadLetteredAfterRetries = eventCounter(registry, "failed");
        this.failedAttempts = Counter.builder(FAILED_ATTEMPTS_METER)
                .description("Attempts to apply a valid event that failed in the store and were retried or given up")
                .tag("topic", Topics.ERASURES)
                .register(registry);
    }

    @Incoming("erasures")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Optional<ReceivedEvent<ErasureRequested>> read;
        try {
            read = EventReader.read(record, ErasureRequested.class);
        } catch (MalformedEventException e) {
            rejected.increment();
            LOG.warnf("Rejecting %s: %s", position(record), e.getMessage());
            // Failing the message nacks it: the dead-letter-queue failure strategy takes it from here.
            return Uni.createFrom().failure(e);
        }
        if (read.isEmpty()) {
            // A valid event of another type of this topic (another service's ErasureCompleted): nothing to do.
            ignored.increment();
            return Uni.createFrom().voidItem();
        }
        ReceivedEvent<ErasureRequested> received = read.get();
        return Uni.createFrom()
                // Deferred, so that each retry calls the service again and so runs in a fresh transaction.
                .deferred(() -> erasures.erase(received.eventId(), received.event()))
                .onFailure().invoke(failure -> {
                    failedAttempts.increment();
                    LOG.warnf("Erasure for %s failed: %s", position(record), failure.toString());
                })
                .onFailure().retry()
                .withBackOff(retry.initialBackoff(), retry.maxBackoff())
                .withExecutor(onCurrentVertxContext())
                .atMost(retry.maxRetries())
                .onItem().invoke(outcome -> {
                    if (outcome == Outcome.ERASED) {
                        applied.increment();
                        // Committed: publish the confirmation now rather than at the next poll.
                        relay.wake();
                    } else {
                        duplicates.increment();
                    }
                })
                .onFailure().invoke(failure -> {
                    deadLetteredAfterRetries.increment();
                    LOG.errorf(failure, "Giving up on %s after %d retries; dead-lettering it",
                            position(record), retry.maxRetries());
                })
                .replaceWithVoid();
    }

    /**
     * Back-off timers fire on Mutiny's worker pool, but Hibernate Reactive must run on the Vert.x context the record
     * was dispatched on: this scheduler hands every retry back to that context.
     */
    private static ScheduledExecutorService onCurrentVertxContext() {
        return ContextAwareScheduler.delegatingTo(Infrastructure.getDefaultWorkerPool()).withCurrentContext();
    }

    private static Counter eventCounter(MeterRegistry registry, String outcome) {
        return Counter.builder(EVENTS_METER)
                .description("Events consumed, by outcome: applied, duplicate (skipped), ignored (a type of the "
                        + "topic scoring does not use), rejected (malformed, dead-lettered at once), failed "
                        + "(dead-lettered after the store kept failing)")
                .tag("topic", Topics.ERASURES)
                .tag("outcome", outcome)
                .register(registry);
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
