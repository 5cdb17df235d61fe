package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.service.ContactSummaryService;
import io.cxvalue.scoring.service.ContactSummaryService.Outcome;
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
 * Applies {@code cx.interactions} to the contact summaries.
 * <p>
 * Failures are handled by kind. A record that contracts' {@link EventReader} rejects will never succeed: it is
 * rejected at once, and the channel's {@code dead-letter-queue} failure strategy parks it on
 * {@code cx.interactions.dlq.scoring-service} with the reason in its headers. A valid event whose store update fails
 * (connection lost, fail-over, lock or key conflict with another instance) is retried with exponential back-off, in
 * a new transaction each time; only when the retries are exhausted is it dead-lettered, so a long outage does not
 * stall the partition forever and the event can still be replayed from the dead-letter topic.
 * Records are processed one at a time, so one customer's events (one key, one partition) are applied in order.
 */
@ApplicationScoped
// Created at start rather than on the first record, so that its meters are exported (at zero) from the beginning.
@Startup
public class InteractionConsumer {

    private static final Logger LOG = Logger.getLogger(InteractionConsumer.class);
    private static final String EVENTS_METER = "cx.consumer.events";
    private static final String FAILED_ATTEMPTS_METER = "cx.consumer.failed.attempts";

    private final ContactSummaryService summaries;
    private final ScoringConfig.ConsumerRetry retry;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter ignored;
    private final Counter rejected;
    private final Counter deadLetteredAfterRetries;
    private final Counter failedAttempts;

    public InteractionConsumer(ContactSummaryService summaries, ScoringConfig config, MeterRegistry registry) {
        this.summaries = summaries;
        this.retry = config.consumerRetry();
        this.applied = eventCounter(registry, "applied");
        this.duplicates = eventCounter(registry, "duplicate");
        this.ignored = eventCounter(registry, "ignored");
        this.rejected = eventCounter(registry, "rejected");
        this.deadLetteredAfterRetries = eventCounter(registry, "failed");
        this.failedAttempts = Counter.builder(FAILED_ATTEMPTS_METER)
                .description("Attempts to apply a valid event that failed in the store and were retried or given up")
                .tag("topic", Topics.INTERACTIONS)
                .register(registry);
    }

    @Incoming("interactions")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Optional<ReceivedEvent<InteractionRecorded>> read;
        try {
            read = EventReader.read(record, InteractionRecorded.class);
        } catch (MalformedEventException e) {
            rejected.increment();
            LOG.warnf("Rejecting %s: %s", position(record), e.getMessage());
            // Failing the message nacks it: the dead-letter-queue failure strategy takes it from here.
            return Uni.createFrom().failure(e);
        }
        if (read.isEmpty()) {
            // A valid event of another type of this topic: nothing for scoring to do.
            ignored.increment();
            return Uni.createFrom().voidItem();
        }
        ReceivedEvent<InteractionRecorded> received = read.get();
        return Uni.createFrom()
                // Deferred, so that each retry calls the service again and so runs in a fresh transaction.
                .deferred(() -> summaries.recordInteraction(received.eventId(), record.topic(), received.event()))
                .onFailure().invoke(failure -> {
                    failedAttempts.increment();
                    LOG.warnf("Store update for %s failed: %s", position(record), failure.toString());
                })
                .onFailure().retry()
                .withBackOff(retry.initialBackoff(), retry.maxBackoff())
                .withExecutor(onCurrentVertxContext())
                .atMost(retry.maxRetries())
                .onItem().invoke(outcome -> (outcome == Outcome.APPLIED ? applied : duplicates).increment())
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
                .tag("topic", Topics.INTERACTIONS)
                .tag("outcome", outcome)
                .register(registry);
    }


    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
