package io.cxvalue.ingestion.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.cxvalue.ingestion.Interaction;
import io.cxvalue.ingestion.OutboxEvent;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.List;
import java.util.Optional;

/** Interactions, unique on (source, externalId), each stored together with the events it produces. */
@ApplicationScoped
public class InteractionRepository {

    private final MongoCollections collections;

    public InteractionRepository(MongoCollections collections) {
        this.collections = collections;
    }

    private ReactiveMongoCollection<Document> interactions() {
        return collections.get(MongoCollections.INTERACTIONS);
    }

    public Uni<Void> ensureIndexes() {
        return interactions()
                .createIndex(Indexes.ascending(InteractionDocuments.SOURCE, InteractionDocuments.EXTERNAL_ID),
                        new IndexOptions().name("source_external_id").unique(true))
                .replaceWithVoid();
    }

    /**
     * Stores the interaction and its events in one atomic write.
     *
     * @return true when stored, false when an interaction with the same source and external id already exists
     */
    public Uni<Boolean> insert(Interaction interaction, List<OutboxEvent> events) {
        Document document = OutboxDocuments.withPending(InteractionDocuments.toDocument(interaction), events);
        return interactions().insertOne(document)
                .replaceWith(true)
                .onFailure(OutboxRepository::isDuplicateKey).recoverWithItem(false);
    }

    public Uni<Optional<Interaction>> findById(String id) {
        return interactions().find(Filters.eq("_id", id)).toUni()
                .map(document -> Optional.ofNullable(document).map(InteractionDocuments::fromDocument));
    }

    public Uni<Optional<Interaction>> findBySourceAndExternalId(String source, String externalId) {
        return interactions()
                .find(Filters.and(Filters.eq(InteractionDocuments.SOURCE, source),
                        Filters.eq(InteractionDocuments.EXTERNAL_ID, externalId)))
                .toUni()
                .map(document -> Optional.ofNullable(document).map(InteractionDocuments::fromDocument));
    }
}
