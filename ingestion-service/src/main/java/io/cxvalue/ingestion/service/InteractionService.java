package io.cxvalue.ingestion.service;

import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.ingestion.AcceptResult;
import io.cxvalue.ingestion.Interaction;
import io.cxvalue.ingestion.OutboxEvent;
import io.cxvalue.ingestion.OutboxSequence;
import io.cxvalue.ingestion.messaging.OutboxRelay;
import io.cxvalue.ingestion.repository.InteractionRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Accepts interactions: stores each once, with its event, and hands the event to the outbox relay. */
@ApplicationScoped
public class InteractionService {

    private final InteractionRepository repository;
    private final OutboxRelay relay;
    private final OutboxSequence sequence;
    private final Clock clock;
    private final MeterRegistry registry;

    public InteractionService(InteractionRepository repository, OutboxRelay relay, OutboxSequence sequence,
            Clock clock, MeterRegistry registry) {
        this.repository = repository;
        this.relay = relay;
        this.sequence = sequence;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * Stores a validated interaction. {@code toRecord} receives the id ingestion assigns and builds the clean
     * record. A repeat of (source, externalId) is reported as a duplicate with the id of the stored one.
     */
    public Uni<AcceptResult> accept(String source, String externalId, Function<String, InteractionRecorded> toRecord) {
        Instant now = clock.instant();
        InteractionRecorded record = toRecord.apply(UUID.randomUUID().toString());
        Interaction interaction = new Interaction(record, now);
        OutboxEvent event = OutboxEvent.of(record, now, sequence.next());
        return repository.insert(interaction, List.of(event))
                .chain(stored -> stored
                        ? Uni.createFrom().item(AcceptResult.accepted(record.interactionId()))
                                .invoke(this::wakeRelay)
                        : repository.findBySourceAndExternalId(source, externalId)
                                .map(existing -> AcceptResult.duplicate(existing
                                        .map(Interaction::id)
                                        .orElseThrow(() -> new IllegalStateException(
                                                "Duplicate key reported, but no interaction " + source + "/"
                                                        + externalId)))))
                .invoke(result -> registry.counter("cx.ingestion.records", "kind", "interaction",
                        "result", result.status().name().toLowerCase()).increment());
    }

    public Uni<Optional<Interaction>> find(String interactionId) {
        return repository.findById(interactionId);
    }

    /** Publishes soon instead of at the next scheduled round; the request does not wait for it. */
    private void wakeRelay() {
        relay.relay().subscribe().with(count -> { }, failure -> { });
    }
}
