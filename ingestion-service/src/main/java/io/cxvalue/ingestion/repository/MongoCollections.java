package io.cxvalue.ingestion.repository;

import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The collections of ingestion's database. */
@ApplicationScoped
public class MongoCollections {

    public static final String INTERACTIONS = "interactions";
    public static final String OUTBOX_LEASES = "outbox_leases";
    public static final String OUTBOX_MARKERS = "outbox_markers";
    public static final String FEEDBACK = "feedback";
    public static final String QUALITY_EVALUATIONS = "quality_evaluations";
    public static final String TRANSACTIONS = "transactions";
    public static final String CUSTOMERS = "customers";
    public static final String IDENTITIES = "identities";
    public static final String CUSTOMER_PROFILES = "customer_profiles";
    public static final String IMPORT_JOBS = "import_jobs";
    public static final String ERASURES = "erasures";

    private final ReactiveMongoClient client;
    private final String database;

    public MongoCollections(ReactiveMongoClient client,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.client = client;
        this.database = database;
    }

    public ReactiveMongoCollection<Document> get(String name) {
        return client.getDatabase(database).getCollection(name);
    }

    /** The collection for writing documents already encoded as BSON (the driver copies their bytes). */
    public ReactiveMongoCollection<RawBsonDocument> getRaw(String name) {
        return client.getDatabase(database).getCollection(name, RawBsonDocument.class);
    }
}
