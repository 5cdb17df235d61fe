package io.cxvalue.ingestion.service;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.ingestion.AcceptResult;
import io.cxvalue.ingestion.CustomerReference;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.ingestion.OutboxSequence;
import io.cxvalue.ingestion.Received;
import io.cxvalue.ingestion.messaging.OutboxRelay;
import io.cxvalue.ingestion.repository.RecordKind;
import io.cxvalue.ingestion.repository.RecordStore;
import io.cxvalue.ingestion.repository.RecordStore.SourceKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Accepts records of every kind the same way: stores each once per (source, externalId), with its event in the same
 * document, counts the outcome and hands the event to the outbox relay.
 */
@ApplicationScoped
public class AcceptService {

    private final RecordStore store;
    private final CustomerResolver resolver;
    private final OutboxRelay relay;
    private final OutboxSequence sequence;
    private final Clock clock;
    private final MeterRegistry registry;

    public AcceptService(RecordStore store, CustomerResolver resolver, OutboxRelay relay, OutboxSequence sequence, Clock clock,
            MeterRegistry registry) {
        this.store = store;
        this.resolver = resolver;
        this.relay = relay;
        this.sequence = sequence;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * Stores a validated record. The customer it names is resolved first (found, created, linked or merged);
     * {@code toRecord} receives the id ingestion assigns and the resolved customer id and builds the clean record.
     * A repeat of (source, externalId) is reported as a duplicate with the id of the stored one.
     */
    public <R extends CxEvent> Uni<AcceptResult> accept(RecordKind<R> kind, String source, String externalId,
            CustomerReference customer, BiFunction<String, String, R> toRecord) {
        return resolver.resolve(customer).chain(resolved -> {
            Instant now = clock.instant();
            R record = toRecord.apply(UUID.randomUUID().toString(), resolved.customerId());
            OutboxEvent event = OutboxEvent.of(record, now, sequence.next());
            return store(kind, source, externalId, record, now, event);
        });
    }

    private <R extends CxEvent> Uni<AcceptResult> store(RecordKind<R> kind, String source, String externalId,
            R record, Instant now, OutboxEvent event) {
        return store.insertMany(kind, List.of(record), now, List.of(event))
                .chain(inserted -> {
                    if (inserted.duplicates().isEmpty()) {
                        published(kind, List.of(record), List.of(event), inserted);
                        return Uni.createFrom().item(AcceptResult.accepted(kind.id().apply(record)));
                    }
                    return store.findBySourceAndExternalId(kind, source, externalId)
                            .map(existing -> AcceptResult.duplicate(existing
                                    .map(found -> kind.id().apply(found.record()))
                                    .orElseThrow(() -> new IllegalStateException("Duplicate key reported, but no "
                                            + kind.name() + " " + source + "/" + externalId))));
                })
                .invoke(result -> count(kind, result.status(), 1));
    }

    /** Hands the events of the records just stored to the outbox's fast path, and wakes the relay for the rest. */
    private <R extends CxEvent> void published(RecordKind<R> kind, List<R> records, List<OutboxEvent> events,
            RecordStore.Inserted inserted) {
        List<OutboxEvent> stored = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            if (!inserted.duplicates().contains(i)) {
                stored.add(events.get(i));
            }
        }
        relay.publishStored(stored, inserted.markerId());
        // Customers created or linked on the way have events of their own, which the relay publishes.
        wakeRelay();
    }

    /** One valid record of a batch: its key, the customer it names and how it becomes the clean record. */
    public record Submission<R>(String source, String externalId, CustomerReference customer,
                                BiFunction<String, String, R> toRecord) {
    }

    /**
     * Stores a batch of validated records of one kind: the customers they name are resolved together, the records
     * are written in one unordered bulk insert (each record atomically with its event), and repeats of a stored
     * (source, externalId), or of an earlier record of the batch, are reported as duplicates with the stored id.
     *
     * @return the result of each submission, in order; null for one that names a customer whose personal data was
     *         erased (nothing is stored for it)
     */
    public <R extends CxEvent> Uni<List<AcceptResult>> acceptAll(RecordKind<R> kind, List<Submission<R>> submissions) {
        if (submissions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return resolver.resolveAll(submissions.stream().map(Submission::customer).toList()).chain(resolutions -> {
            Instant now = clock.instant();
            List<Submission<R>> storable = submissions.stream()
                    .filter(submission -> !resolutions.erased().contains(submission.customer()))
                    .toList();
            List<R> records = new ArrayList<>(storable.size());
            List<OutboxEvent> events = new ArrayList<>(storable.size());
            for (Submission<R> submission : storable) {
                R record = submission.toRecord().apply(UUID.randomUUID().toString(),
                        resolutions.customerIds().get(submission.customer()));
                records.add(record);
                events.add(OutboxEvent.of(record, now, sequence.next()));
            }
            Uni<List<AcceptResult>> stored = records.isEmpty() ? Uni.createFrom().item(List.of())
                    : store.insertMany(kind, records, now, events).chain(inserted -> {
                        Set<Integer> duplicates = inserted.duplicates();
                        published(kind, records, events, inserted);
                        Set<SourceKey> repeated = duplicates.stream()
                                .map(i -> new SourceKey(storable.get(i).source(), storable.get(i).externalId()))
                                .collect(Collectors.toSet());
                        return store.idsOf(kind, repeated).map(ids -> {
                            List<AcceptResult> results = new ArrayList<>(storable.size());
                            for (int i = 0; i < storable.size(); i++) {
                                Submission<R> submission = storable.get(i);
                                results.add(duplicates.contains(i)
                                        ? AcceptResult.duplicate(ids.get(
                                                new SourceKey(submission.source(), submission.externalId())))
                                        : AcceptResult.accepted(kind.id().apply(records.get(i))));
                            }
                            return results;
                        });
                    });
            return stored.map(results -> {
                List<AcceptResult> all = new ArrayList<>(submissions.size());
                int next = 0;
                for (Submission<R> submission : submissions) {
                    all.add(resolutions.erased().contains(submission.customer()) ? null : results.get(next++));
                }
                return all;
            });
        }).invoke(results -> {
            long accepted = results.stream()
                    .filter(r -> r != null && r.status() == AcceptResult.Status.ACCEPTED).count();
            long duplicates = results.stream()
                    .filter(r -> r != null && r.status() == AcceptResult.Status.DUPLICATE).count();
            count(kind, AcceptResult.Status.ACCEPTED, accepted);
            count(kind, AcceptResult.Status.DUPLICATE, duplicates);
        });
    }

    private void count(RecordKind<?> kind, AcceptResult.Status status, long amount) {
        registry.counter("cx.ingestion.records", "kind", kind.name(), "result", status.name().toLowerCase())
                .increment(amount);
    }

    public <R extends CxEvent> Uni<Optional<Received<R>>> find(RecordKind<R> kind, String id) {
        return store.findById(kind, id);
    }

    /** Publishes soon instead of at the next scheduled round; the request does not wait for it. */
    private void wakeRelay() {
        relay.wake();
    }
}
