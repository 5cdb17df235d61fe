package io.cxvalue.ingestion.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Which customer each CRM record (source, externalId) became, and a digest of what it last said, so that a
 * resubmission of an unchanged profile is recognised. The profile's content itself lives on the customer.
 */
@ApplicationScoped
public class CustomerProfileRepository {

    /** The last accepted version of a CRM record. */
    public record StoredProfile(String customerId, String contentHash) {
    }

    private final MongoCollections collections;

    public CustomerProfileRepository(MongoCollections collections) {
        this.collections = collections;
    }

    private ReactiveMongoCollection<Document> profiles() {
        return collections.get(MongoCollections.CUSTOMER_PROFILES);
    }

    public Uni<Void> ensureIndexes() {
        return profiles().createIndex(Indexes.ascending(KindDocuments.SOURCE, KindDocuments.EXTERNAL_ID),
                        new IndexOptions().name("source_external_id").unique(true))
                .chain(() -> profiles().createIndex(Indexes.ascending("customerId"),
                        new IndexOptions().name("by_customer")))
                .replaceWithVoid();
    }

    public Uni<Optional<StoredProfile>> find(String source, String externalId) {
        return profiles().find(key(source, externalId)).toUni()
                .map(document -> Optional.ofNullable(document)
                        .map(d -> new StoredProfile(d.getString("customerId"), d.getString("contentHash"))));
    }

    /** Records the version just applied (last writer wins, which is the CRM's own order for one record). */
    public Uni<Void> save(String source, String externalId, String customerId, String contentHash, Instant now) {
        Document document = new Document(KindDocuments.SOURCE, source)
                .append(KindDocuments.EXTERNAL_ID, externalId)
                .append("customerId", customerId)
                .append("contentHash", contentHash)
                .append("updatedAt", Date.from(now));
        return profiles().replaceOne(key(source, externalId), document, new ReplaceOptions().upsert(true))
                .onFailure(OutboxRepository::isDuplicateKey)
                // Two first versions of one record at once: the loser's upsert became an insert that the unique
                // index refused; the record exists now, so replace it.
                .recoverWithUni(() -> profiles().replaceOne(key(source, externalId), document))
                .replaceWithVoid();
    }

    private static Bson key(String source, String externalId) {
        return Filters.and(Filters.eq(KindDocuments.SOURCE, source), Filters.eq(KindDocuments.EXTERNAL_ID, externalId));
    }
}
