package io.cxvalue.ingestion.messaging;

import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.contracts.outbox.RelayRounds;
import io.cxvalue.contracts.outbox.RelayRounds.Relayed;
import io.cxvalue.ingestion.config.IngestionConfig;
import io.cxvalue.ingestion.repository.OutboxRepository;
import io.cxvalue.ingestion.repository.OutboxRepository.Marker;
import io.cxvalue.ingestion.repository.OutboxRepository.PendingDocument;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A relay batch of ingestion's outbox: the due markers (see {@link OutboxRepository}), oldest first, and their
 * documents' pending events, sent in sequence order, then settled. One relay at a time across instances, by a lease
 * taken before each batch: an instance without the lease relays nothing and ends its round.
 */
final class MarkerBatches implements RelayRounds.Batch {

    /**
     * How long the write of a tagged marker (see {@link OutboxRepository}) may take to land after the marker: a
     * marker whose write was not seen in its documents is kept this long, then taken for a write that never landed
     * (a crash, a create that lost to an existing document, a conditional update that matched nothing) and dropped.
     * Far longer than a write may take, fail-overs and the driver's retries included.
     */
    static final Duration UNLANDED_WRITE_TIMEOUT = Duration.ofMinutes(2);

    private final OutboxRepository outbox;
    private final IngestionConfig config;
    private final Clock clock;
    private final String instanceId = UUID.randomUUID().toString();

    MarkerBatches(OutboxRepository outbox, IngestionConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Uni<Relayed> relay(int limit, RelayRounds.Publisher publish, Executor roundContext) {
        return outbox.acquireLease(instanceId, clock.instant(), config.outbox().leaseDuration())
                .chain(held -> held ? relayOneBatch(limit, publish) : Uni.createFrom().item(new Relayed(0, false)));
    }

    /**
     * One batch of due markers, oldest first, naming about {@code batch-size} documents in all: their documents'
     * pending events, sent in sequence order. A tagged marker whose write has not landed in all its documents yet is
     * kept (narrowed to those documents) instead of settled; see {@link OutboxRepository}.
     */
    private Uni<Relayed> relayOneBatch(int limit, RelayRounds.Publisher publish) {
        Instant now = clock.instant();
        return outbox.due(now, config.outbox().fastPathGrace(), limit).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(new Relayed(0, false));
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
                        return publish.publishAll(events).chain(() -> settleAll(all, now));
                    })
                    .chain(() -> outbox.clear(settled))
                    .chain(() -> Multi.createFrom().iterable(narrowed.entrySet())
                            .onItem().transformToUniAndConcatenate(entry -> outbox.narrow(entry.getKey(),
                                    entry.getValue()))
                            .collect().last())
                    // Markers kept for writes still on their way are looked at again in the next round, not now.
                    .map(ignored -> new Relayed(sent.get(), mayHaveMore && !settled.isEmpty()));
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

}
