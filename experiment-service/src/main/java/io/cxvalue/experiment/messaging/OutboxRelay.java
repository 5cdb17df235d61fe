package io.cxvalue.experiment.messaging;

import io.cxvalue.experiment.OutboxEntry;
import io.cxvalue.experiment.config.OutboxConfig;
import io.cxvalue.experiment.repository.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes what the outbox holds. Each batch is one database transaction: claim the oldest pending rows with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} (so the relays of two instances never hold, and so never send, the same
 * rows at once), send all their events, wait for every ack (acks=all), then delete the rows and commit. A broker
 * outage or a crash before the commit rolls the claim back and leaves the rows pending, so they are sent again later
 * with the same event ids: nothing is lost, and consumers drop the repeats.
 * <p>
 * Rounds run when a service method wakes the relay after committing a write, and every poll interval for anything a
 * failed round or a crashed instance left behind. One round at a time per instance; a wake during a round makes it
 * run once more afterwards. Rounds run on a Vert.x duplicated context of their own, as Hibernate Reactive requires.
 */
@ApplicationScoped
// Created at start so that its meters are exported (at zero) from the beginning.
@Startup
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final OutboxPublisher publisher;
    private final Vertx vertx;
    private final OutboxConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenWhileRunning = new AtomicBoolean();
    private volatile boolean shuttingDown;
    private final Counter published;
    private final Counter failedRounds;

    public OutboxRelay(OutboxRepository outbox, OutboxPublisher publisher, Vertx vertx, OutboxConfig config,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.vertx = vertx;
        this.config = config;
        this.published = Counter.builder("cx.experiment.outbox.published")
                .description("Events the outbox relay published and the broker acknowledged")
                .register(registry);
        this.failedRounds = Counter.builder("cx.experiment.outbox.failed.rounds")
                .description("Relay rounds that failed and left their events pending for the next round")
                .register(registry);
    }

    @Scheduled(every = "${experiment.outbox.poll-interval:PT1S}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    // The database pool closes during shutdown: starting rounds then would only log failures.
    void onShutdown(@Observes ShutdownEvent event) {
        shuttingDown = true;
    }

    /** Starts a relay round in the background, unless the relay is disabled; returns at once. */
    public void wake() {
        if (!config.relayEnabled() || shuttingDown) {
            return;
        }
        relay().subscribe().with(
                count -> LOG.debugf("Outbox relay round published %d events", count),
                failure -> LOG.errorf(failure, "Outbox relay round failed unexpectedly"));
    }

    /**
     * Runs one relay round (until the outbox is empty or a batch fails) on a Vert.x context of its own, and emits
     * the number of events published: 0 when a batch failed (its events stay pending) or another round of this
     * instance is running (which then runs once more). Works whether or not the relay is enabled by configuration.
     */
    public Uni<Long> relay() {
        return Uni.createFrom().deferred(() -> {
            // A context of the round's own, whatever thread wakes the relay (an event loop after a write, the
            // scheduler's worker, a test): Hibernate Reactive keeps the round's session on it.
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            Executor onRoundContext = task -> context.runOnContext(ignored -> task.run());
            return Uni.createFrom().deferred(this::exclusiveRound).runSubscriptionOn(onRoundContext);
        });
    }

    private Uni<Long> exclusiveRound() {
        if (!running.compareAndSet(false, true)) {
            wokenWhileRunning.set(true);
            return Uni.createFrom().item(0L);
        }
        wokenWhileRunning.set(false);
        return drain(0L).onItemOrFailure().transform((count, failure) -> {
            running.set(false);
            if (failure != null) {
                failedRounds.increment();
                LOG.warnf("Outbox relay round failed, its events stay pending: %s", failure.toString());
                return 0L;
            }
            if (wokenWhileRunning.getAndSet(false)) {
                // Something was written while this round ran, possibly after it last looked.
                wake();
            }
            return count;
        });
    }

    private Uni<Long> drain(long soFar) {
        int limit = config.batchSize();
        return Panache.withTransaction(() -> relayOneBatch(limit))
                .chain(count -> count == limit
                        ? drain(soFar + count)
                        : Uni.createFrom().item(soFar + count));
    }

    /** Claims, publishes and deletes one batch in the current transaction; returns the batch size. */
    private Uni<Integer> relayOneBatch(int limit) {
        // The acks complete on Kafka's threads; the session must be used on this context's thread only.
        Context context = Vertx.currentContext();
        Executor onThisContext = task -> context.runOnContext(ignored -> task.run());
        return outbox.claimPending(limit).chain(claimed -> claimed.isEmpty()
                ? Uni.createFrom().item(0)
                : publishAll(claimed)
                        .emitOn(onThisContext)
                        .chain(() -> outbox.deletePublished(claimed.stream().map(OutboxEntry::eventId).toList()))
                        .replaceWith(claimed.size()));
    }

    private Uni<Void> publishAll(List<OutboxEntry> claimed) {
        // Sent in sequence order; the idempotent producer (in-flight <= 5) keeps that order per partition.
        List<Uni<Void>> acks = claimed.stream()
                .map(entry -> publisher.publish(entry.toEvent()).invoke(() -> published.increment()))
                .toList();
        return Uni.join().all(acks).andFailFast().replaceWithVoid();
    }
}
