package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.outbox.OutboxMeters;
import io.cxvalue.contracts.outbox.RelayRounds;
import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.repository.ErasureRepository;
import io.cxvalue.reporting.repository.ErasureRepository.PendingEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * Publishes the pending outbox events of the erasure documents, in rounds ({@link RelayRounds}: {@code wake()} right
 * after each stored erasure, and on a schedule). Each batch reads the oldest pending documents, sends their events,
 * waits for every ack, then marks the documents published.
 * <p>
 * A crash, a broker outage or a failed mark between send and mark leaves the documents pending, so a later round
 * sends them again with the same {@code ce_id}: nothing is lost, and consumers skip the repeat. For the same reason
 * there is no lease: with several instances, two relays may read the same pending document and both send it, which
 * is a harmless duplicate (same {@code ce_id}). Order between events does not matter here: each erasure document
 * holds one event, and confirmations of different erasures are independent.
 */
@Singleton
public class OutboxRelay extends RelayRounds {

    OutboxRelay(ErasureRepository erasures, OutboxPublisher publisher, ReportingConfig config,
            MeterRegistry registry) {
        super(config.outbox()::relayEnabled, config.outbox()::batchSize,
                (limit, publish, round) -> relayBatch(erasures, limit, publish), publisher::publish,
                OutboxMeters.register(registry, "reporting-service"));
    }

    @Scheduled(every = "${cx.reporting.outbox.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    // MongoDB closes during shutdown: starting rounds then would only log failures.
    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    private static Uni<RelayRounds.Relayed> relayBatch(ErasureRepository erasures, int limit,
            RelayRounds.Publisher publish) {
        return erasures.findPending(limit).chain(pending -> publish.publishAll(
                        pending.stream().map(PendingEvent::event).toList())
                .chain(() -> erasures.markPublished(pending, Instant.now()))
                .replaceWith(RelayRounds.Relayed.of(pending.size(), limit)));
    }
}
