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
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

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
        return store.insert(kind, record, now, List.of(event))
                .chain(stored -> stored
                        ? Uni.createFrom().item(AcceptResult.accepted(kind.id().apply(record)))
                                .invoke(this::wakeRelay)
                        : store.findBySourceAndExternalId(kind, source, externalId)
                                .map(existing -> AcceptResult.duplicate(existing
                                        .map(found -> kind.id().apply(found.record()))
                                        .orElseThrow(() -> new IllegalStateException("Duplicate key reported, but no "
                                                + kind.name() + " " + source + "/" + externalId)))))
                .invoke(result -> registry.counter("cx.ingestion.records", "kind", kind.name(),
                        "result", result.status().name().toLowerCase()).increment());
    }

    public <R extends CxEvent> Uni<Optional<Received<R>>> find(RecordKind<R> kind, String id) {
        return store.findById(kind, id);
    }

    /** Publishes soon instead of at the next scheduled round; the request does not wait for it. */
    private void wakeRelay() {
        relay.relay().subscribe().with(count -> { }, failure -> { });
    }
}
