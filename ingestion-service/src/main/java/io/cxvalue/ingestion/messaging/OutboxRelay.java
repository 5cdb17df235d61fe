package io.cxvalue.ingestion.messaging;

import io.cxvalue.ingestion.config.IngestionConfig;
import io.cxvalue.ingestion.repository.OutboxRepository;
import io.cxvalue.ingestion.repository.OutboxRepository.PendingDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes what the outbox holds. Each round: take (or renew) the lease, read the oldest pending documents, send
 * all their events, wait for every ack, then mark the documents published. A crash or a broker outage between send
 * and mark leaves the documents pending, so they are sent again later with the same event ids: nothing is lost,
 * and consumers drop the repeats.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final OutboxPublisher publisher;
    private final IngestionConfig config;
    private final Clock clock;
    private final String instanceId = UUID.randomUUID().toString();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Counter published;
    private final Counter failedRounds;

    public OutboxRelay(OutboxRepository outbox, OutboxPublisher publisher, IngestionConfig config, Clock clock,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
        this.published = Counter.builder("cx.outbox.published")
                .description("Events the outbox relay published and the broker acknowledged")
                .register(registry);
        this.failedRounds = Counter.builder("cx.outbox.failed.rounds")
                .description("Relay rounds that failed and left their events pending for the next round")
                .register(registry);
    }

    @Scheduled(every = "${cx.ingestion.outbox.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRound() {
        return relay().replaceWithVoid();
    }

    /**
     * Relays until the outbox is empty or a round fails; returns the number of events published. Concurrent calls
     * return 0 at once: one round at a time per instance.
     */
    public Uni<Long> relay() {
        if (!config.outbox().relayEnabled() || !running.compareAndSet(false, true)) {
            return Uni.createFrom().item(0L);
        }
        return drain(0L)
                .onFailure().invoke(failure -> {
                    failedRounds.increment();
                    LOG.warnf("Outbox relay round failed, events stay pending: %s", failure.toString());
                })
                .onFailure().recoverWithItem(0L)
                .eventually(() -> running.set(false));
    }

    private Uni<Long> drain(long soFar) {
        return outbox.acquireLease(instanceId, clock.instant(), config.outbox().leaseDuration())
                .chain(held -> held ? relayBatches(soFar) : Uni.createFrom().item(soFar));
    }

    private Uni<Long> relayBatches(long soFar) {
        int limit = config.outbox().batchSize();
        return Uni.createFrom().deferred(() -> relayOneBatch(limit))
                .chain(count -> count == limit
                        ? drain(soFar + count)
                        : Uni.createFrom().item(soFar + count));
    }

    /** One batch per source collection; returns the number of documents settled. */
    private Uni<Integer> relayOneBatch(int limit) {
        return Uni.join().all(OutboxRepository.SOURCES.stream()
                        .map(collection -> outbox.findPending(collection, limit)
                                .chain(pending -> publishAll(pending)
                                        .chain(() -> outbox.markPublished(collection, pending, clock.instant()))
                                        .replaceWith(pending.size())))
                        .toList())
                .andFailFast()
                .map(sizes -> sizes.stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    private Uni<Void> publishAll(List<PendingDocument> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Sent in sequence order; the producer keeps that order per partition (idempotent, in-flight <= 5).
        List<Uni<Void>> acks = pending.stream()
                .flatMap(document -> document.events().stream())
                .map(event -> publisher.publish(event).invoke(() -> published.increment()))
                .toList();
        return Uni.join().all(acks).andFailFast().replaceWithVoid();
    }
}
