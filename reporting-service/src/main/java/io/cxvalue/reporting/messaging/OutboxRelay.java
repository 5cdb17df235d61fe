package io.cxvalue.reporting.messaging;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.repository.ErasureRepository;
import io.cxvalue.reporting.repository.ErasureRepository.PendingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the pending outbox events of the erasure documents. Each round reads the oldest pending documents, sends
 * their events, waits for every ack, then marks the documents published. It runs on a schedule and is woken right
 * after each stored erasure.
 * <p>
 * A crash, a broker outage or a failed mark between send and mark leaves the documents pending, so a later round
 * sends them again with the same {@code ce_id}: nothing is lost, and consumers skip the repeat. For the same reason
 * there is no lease: with several instances, two relays may read the same pending document and both send it, which
 * is a harmless duplicate (same {@code ce_id}). Order between events does not matter here: each erasure document
 * holds one event, and confirmations of different erasures are independent.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final ErasureRepository erasures;
    private final OutboxPublisher publisher;
    private final ReportingConfig.Outbox config;
    /** One round at a time per instance. */
    private final AtomicBoolean running = new AtomicBoolean();
    /** A wake-up came during a round: run another one right after it. */
    private final AtomicBoolean wokenWhileRunning = new AtomicBoolean();
    private final Counter published;
    private final Counter failedRounds;

    OutboxRelay(ErasureRepository erasures, OutboxPublisher publisher, ReportingConfig config,
            MeterRegistry registry) {
        this.erasures = erasures;
        this.publisher = publisher;
        this.config = config.outbox();
        this.published = Counter.builder("cx.reporting.outbox.published")
                .description("Outbox events the relay published and the broker acknowledged")
                .register(registry);
        this.failedRounds = Counter.builder("cx.reporting.outbox.failed.rounds")
                .description("Relay rounds that failed and left their events pending for a later round")
                .register(registry);
    }

    @Scheduled(every = "${cx.reporting.outbox.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRound() {
        return relay().replaceWithVoid();
    }

    /** Starts a round now without waiting for it (called after a write that queued an event). */
    public void wakeUp() {
        relay().subscribe().with(count -> { }, failure -> LOG.warn("Outbox relay round failed", failure));
    }

    /**
     * Relays until no event is pending or a round fails; returns the number of events published. A call during a
     * round returns 0 at once and makes the running round do one more pass; a wake-up that comes as the round ends
     * is served by the next scheduled round.
     */
    public Uni<Long> relay() {
        if (!config.relayEnabled()) {
            return Uni.createFrom().item(0L);
        }
        if (!running.compareAndSet(false, true)) {
            wokenWhileRunning.set(true);
            return Uni.createFrom().item(0L);
        }
        wokenWhileRunning.set(false);
        return drain(0L)
                .onFailure().invoke(failure -> {
                    failedRounds.increment();
                    LOG.warnf("Outbox relay round failed, events stay pending: %s", failure.toString());
                })
                .onFailure().recoverWithItem(0L)
                .eventually(() -> running.set(false));
    }

    private Uni<Long> drain(long soFar) {
        int limit = config.batchSize();
        return Uni.createFrom().deferred(() -> erasures.findPending(limit))
                .chain(pending -> publishAll(pending)
                        .chain(() -> erasures.markPublished(pending, Instant.now()))
                        .replaceWith(pending.size()))
                .chain(count -> count == limit || wokenWhileRunning.getAndSet(false)
                        ? drain(soFar + count)
                        : Uni.createFrom().item(soFar + count));
    }

    private Uni<Void> publishAll(List<PendingEvent> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(pending.stream()
                        .map(document -> publisher.publish(document.event()).invoke(() -> published.increment()))
                        .toList())
                .andFailFast()
                .replaceWithVoid();
    }
}
