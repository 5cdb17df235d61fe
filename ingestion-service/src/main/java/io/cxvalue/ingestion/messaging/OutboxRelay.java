package io.cxvalue.ingestion.messaging;

import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.contracts.outbox.OutboxMeters;
import io.cxvalue.contracts.outbox.RelayRounds;
import io.cxvalue.ingestion.config.IngestionConfig;
import io.cxvalue.ingestion.repository.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes what the outbox holds, on two paths:
 * <ul>
 * <li>the <b>fast path</b>: a writer of new records hands their events over right after storing them
 * ({@link #publishStored}); they are sent at once, and once acknowledged removed from their documents and their
 * markers cleared. Nothing waits for it, and it gives up quietly (leaving the markers) when the broker fails or too
 * many events are in flight;</li>
 * <li>the <b>relay</b>: rounds ({@link RelayRounds}: {@code wake()} after each write, and on a schedule) of batches
 * ({@link MarkerBatches}) that read the outbox markers (see {@link OutboxRepository}) — customers' and erasures'
 * events at once, records' events only when the fast path has not settled them within the grace period (a crash, a
 * broker outage) — send the documents' pending events in sequence order, wait for every ack, then settle them. One
 * relay at a time across instances, by lease.</li>
 * </ul>
 * A crash or a broker outage between send and settle leaves the events pending, so they are sent again later with
 * the same event ids: nothing is lost, and consumers drop the repeats.
 */
@Singleton
public class OutboxRelay extends RelayRounds {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String SERVICE = "ingestion-service";

    private final OutboxRepository outbox;
    private final OutboxPublisher publisher;
    private final IngestionConfig config;
    private final OutboxMeters meters;
    private final Counter fastPathSkipped;
    private final AtomicInteger inFlight = new AtomicInteger();

    @Inject
    public OutboxRelay(OutboxRepository outbox, OutboxPublisher publisher, IngestionConfig config, Clock clock,
            MeterRegistry registry) {
        this(outbox, publisher, config, clock, registry, OutboxMeters.register(registry, SERVICE));
    }

    private OutboxRelay(OutboxRepository outbox, OutboxPublisher publisher, IngestionConfig config, Clock clock,
            MeterRegistry registry, OutboxMeters meters) {
        super(config.outbox()::relayEnabled, config.outbox()::batchSize, new MarkerBatches(outbox, config, clock),
                meters, publisher::publishAll);
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
        this.meters = meters;
        this.fastPathSkipped = Counter.builder("cx.outbox.fast.path.skipped")
                .description("Writes whose events were left to the relay (broker failing or too many in flight)")
                .tag("service", SERVICE)
                .register(registry);
    }

    @Scheduled(every = "${cx.ingestion.outbox.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    // MongoDB closes during shutdown: starting rounds then would only log failures.
    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    /**
     * Sends the events of records just stored, without waiting for the relay; returns at once. Once the broker has
     * acknowledged them all, the write's marker is cleared (records are written once, so their published events may
     * stay in their documents); until then the relay takes over after the grace period.
     */
    public void publishStored(List<OutboxEvent> events, String markerId) {
        if (events.isEmpty() || !config.outbox().relayEnabled()) {
            return;
        }
        int size = events.size();
        if (inFlight.addAndGet(size) > config.outbox().fastPathMaxInFlight()) {
            inFlight.addAndGet(-size);
            fastPathSkipped.increment(size);
            return;
        }
        publisher.publishAll(events)
                .invoke(() -> meters.published(size))
                .chain(() -> outbox.clear(List.of(markerId)))
                .eventually(() -> inFlight.addAndGet(-size))
                .subscribe().with(done -> { },
                        failure -> LOG.debugf("Fast path left %d events to the relay: %s", size, failure));
    }
}
