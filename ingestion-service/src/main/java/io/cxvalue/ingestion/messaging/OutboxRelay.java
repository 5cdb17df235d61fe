package io.cxvalue.ingestion.messaging;

import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.contracts.outbox.OutboxMeters;
import io.cxvalue.ingestion.config.IngestionConfig;
import io.cxvalue.ingestion.repository.OutboxRepository;
import io.cxvalue.ingestion.repository.OutboxRepository.Marker;
import io.cxvalue.ingestion.repository.OutboxRepository.PendingDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Publishes what the outbox holds, on two paths:
 * <ul>
 * <li>the <b>fast path</b>: a writer of new records hands their events over right after storing them
 * ({@link #publishStored}); they are sent at once, and once acknowledged removed from their documents and their
 * markers cleared. Nothing waits for it, and it gives up quietly (leaving the markers) when the broker fails or too
 * many events are in flight;</li>
 * <li>the <b>relay</b>: rounds that read the outbox markers (see {@link OutboxRepository}) — customers' and
 * erasures' events at once, records' events only when the fast path has not settled them within the grace period
 * (a crash, a broker outage) — send the documents' pending events in sequence order, wait for every ack, then
 * settle them. One relay at a time across instances, by lease.</li>
 * </ul>
 * A crash or a broker outage between send and settle leaves the events pending, so they are sent again later with
 * the same event ids: nothing is lost, and consumers drop the repeats.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * How long the write of a tagged marker (see {@link OutboxRepository}) may take to land after the marker: a
     * marker whose write was not seen in its documents is kept this long, then taken for a write that never landed
     * (a crash, a create that lost to an existing document, a conditional update that matched nothing) and dropped.
     * Far longer than a write may take, fail-overs and the driver's retries included.
     */
    static final Duration UNLANDED_WRITE_TIMEOUT = Duration.ofMinutes(2);

    private final OutboxRepository outbox;
    private final OutboxPublisher publisher;
    private final IngestionConfig config;
    private final Clock clock;
    private final String instanceId = UUID.randomUUID().toString();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenWhileRunning = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final OutboxMeters meters;
    private final Counter fastPathSkipped;

    public OutboxRelay(OutboxRepository outbox, OutboxPublisher publisher, IngestionConfig config, Clock clock,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
        this.meters = OutboxMeters.register(registry, "ingestion-service");
        this.fastPathSkipped = Counter.builder("cx.outbox.fast.path.skipped")
                .description("Writes whose events were left to the relay (broker failing or too many in flight)")
                .tag("service", "ingestion-service")
                .register(registry);
    }

    @Scheduled(every = "${cx.ingestion.outbox.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRound() {
        return relay().replaceWithVoid();
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
        publishAll(events)
                .chain(() -> outbox.clear(List.of(markerId)))
                .eventually(() -> inFlight.addAndGet(-size))
                .subscribe().with(done -> { },
                        failure -> LOG.debugf("Fast path left %d events to the relay: %s", size, failure));
    }

    /**
     * Relays until no marker is due or a round fails; returns the number of events published. A call while a round
     * runs makes that round look once more, and returns 0 at once: one round at a time per instance.
     */
    public Uni<Long> relay() {
        if (!config.outbox().relayEnabled()) {
            return Uni.createFrom().item(0L);
        }
        if (!running.compareAndSet(false, true)) {
            wokenWhileRunning.set(true);
            return Uni.createFrom().item(0L);
        }
        wokenWhileRunning.set(false);
        return drain(0L)
                .onFailure().invoke(failure -> {
                    meters.roundFailed();
                    LOG.warnf("Outbox relay round failed, events stay pending: %s", failure.toString());
                })
                .onFailure().recoverWithItem(0L)
                .eventually(() -> {
                    running.set(false);
                    if (wokenWhileRunning.getAndSet(false)) {
                        relay().subscribe().with(count -> { }, failure -> { });
                    }
                });
    }

    private Uni<Long> drain(long soFar) {
        return outbox.acquireLease(instanceId, clock.instant(), config.outbox().leaseDuration())
                .chain(held -> held ? relayBatches(soFar) : Uni.createFrom().item(soFar));
    }

    private Uni<Long> relayBatches(long soFar) {
        return Uni.createFrom().deferred(this::relayOneBatch)
                .chain(batch -> batch.mayHaveMore()
                        ? drain(soFar + batch.events())
                        : Uni.createFrom().item(soFar + batch.events()));
    }

    /** What a relay batch did. */
    private record Batch(long events, boolean mayHaveMore) {
    }

    /**
     * One batch of due markers, oldest first, naming about {@code batch-size} documents in all: their documents'
     * pending events, sent in sequence order. A tagged marker whose write has not landed in all its documents yet is
     * kept (narrowed to those documents) instead of settled; see {@link OutboxRepository}.
     */
    private Uni<Batch> relayOneBatch() {
        Instant now = clock.instant();
        int limit = config.outbox().batchSize();
        return outbox.due(now, config.outbox().fastPathGrace(), limit).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(new Batch(0, false));
            }
            List<Marker> markers = new ArrayList<>();
            int named = 0;
            for (Marker marker : due) {
                if (!markers.isEmpty() && named + marker.documentIds().size() > limit) {
                    break;
                }
                markers.add(marker);
                named += marker.documentIds().size();
            }
            boolean mayHaveMore = markers.size() < due.size() || due.size() == limit;
            AtomicInteger sent = new AtomicInteger();
            List<String> settled = new ArrayList<>();
            Map<String, List<Object>> narrowed = new HashMap<>();
            Map<String, List<Marker>> byCollection = OutboxRepository.byCollection(markers);
            return Uni.join().all(byCollection.entrySet().stream()
                            .map(entry -> outbox.pending(entry.getKey(), entry.getValue().stream()
                                    .flatMap(marker -> marker.documentIds().stream()).distinct().toList()))
                            .toList())
                    .andFailFast()
                    .chain(documents -> {
                        List<PendingDocument> all = documents.stream().flatMap(List::stream).toList();
                        List<OutboxEvent> events = new ArrayList<>(all.stream()
                                .flatMap(document -> document.events().stream()).toList());
                        events.sort(Comparator.comparingLong(OutboxEvent::sequence));
                        sent.set(events.size());
                        // Decided on what was read, before publishing: a write landing from now on is not published
                        // in this round, so its marker must stay.
                        Map<String, Map<Object, PendingDocument>> read = all.stream().collect(Collectors.groupingBy(
                                PendingDocument::collection,
                                Collectors.toMap(PendingDocument::id, document -> document, (a, b) -> a)));
                        for (Marker marker : markers) {
                            List<Object> missing = notLanded(marker, read.getOrDefault(marker.collection(), Map.of()),
                                    now);
                            if (missing.isEmpty()) {
                                settled.add(marker.id());
                            } else if (missing.size() < marker.documentIds().size()) {
                                narrowed.put(marker.id(), missing);
                            }
                        }
                        return publishAll(events).chain(() -> settleAll(all, now));
                    })
                    .chain(() -> outbox.clear(settled))
                    .chain(() -> Multi.createFrom().iterable(narrowed.entrySet())
                            .onItem().transformToUniAndConcatenate(entry -> outbox.narrow(entry.getKey(),
                                    entry.getValue()))
                            .collect().last())
                    // Markers kept for writes still on their way are looked at again in the next round, not now.
                    .map(ignored -> new Batch(sent.get(), mayHaveMore && !settled.isEmpty()));
        });
    }

    /**
     * The documents of a tagged marker in which its write has not landed (the document is missing, or holds no entry
     * of the marker); none for an untagged marker, or one older than {@link #UNLANDED_WRITE_TIMEOUT}.
     */
    private static List<Object> notLanded(Marker marker, Map<Object, PendingDocument> read, Instant now) {
        if (!marker.tagged() || marker.since().isBefore(now.minus(UNLANDED_WRITE_TIMEOUT))) {
            return List.of();
        }
        return marker.documentIds().stream()
                .filter(id -> {
                    PendingDocument document = read.get(id);
                    return document == null || !document.markers().contains(marker.id());
                })
                .toList();
    }

    private Uni<Void> settleAll(List<PendingDocument> documents, Instant now) {
        List<Uni<Void>> settled = documents.stream()
                .filter(document -> !document.events().isEmpty())
                .collect(Collectors.groupingBy(PendingDocument::collection))
                .entrySet().stream()
                .map(entry -> outbox.settle(entry.getKey(),
                        entry.getValue().stream().map(PendingDocument::id).toList(),
                        entry.getValue().stream().flatMap(d -> d.events().stream())
                                .map(OutboxEvent::eventId).toList(), now))
                .toList();
        return settled.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(settled).andFailFast().replaceWithVoid();
    }

    private Uni<Void> publishAll(List<OutboxEvent> events) {
        return publisher.publishAll(events).invoke(() -> meters.published(events.size()));
    }
}
