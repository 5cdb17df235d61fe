package io.cxvalue.ingestion.repository;

import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.ingestion.Interaction;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.ingestion.Received;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Interactions, unique on (source, externalId), each stored together with the events it produces. */
@ApplicationScoped
public class InteractionRepository {

    private final RecordStore store;

    public InteractionRepository(RecordStore store) {
        this.store = store;
    }

    /** The unique (source, externalId) indexes of every record kind, interactions included. */
    public Uni<Void> ensureIndexes() {
        return store.ensureIndexes();
    }

    /**
     * Stores the interaction and its events in one atomic write.
     *
     * @return true when stored, false when an interaction with the same source and external id already exists
     */
    public Uni<Boolean> insert(Interaction interaction, List<OutboxEvent> events) {
        return store.insert(RecordKind.INTERACTION, interaction.record(), interaction.receivedAt(), events);
    }

    public Uni<Optional<Interaction>> findById(String id) {
        return store.findById(RecordKind.INTERACTION, id).map(found -> found.map(InteractionRepository::of));
    }

    public Uni<Optional<Interaction>> findBySourceAndExternalId(String source, String externalId) {
        return store.findBySourceAndExternalId(RecordKind.INTERACTION, source, externalId)
                .map(found -> found.map(InteractionRepository::of));
    }

    private static Interaction of(Received<InteractionRecorded> received) {
        return new Interaction(received.record(), received.receivedAt());
    }
}
