package io.cxvalue.reporting.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.cxvalue.reporting.change.ProcessChange;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;

/**
 * The recorded process changes ({@value #COLLECTION}, one document per change, {@code _id} its id). They are this
 * service's own records (no other service needs them, so no event is published).
 */
@ApplicationScoped
public class ProcessChangeRepository {

    static final String COLLECTION = "process_changes";

    private final ReactiveMongoCollection<Document> collection;

    ProcessChangeRepository(ReactiveMongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    public Uni<Void> insert(ProcessChange c) {
        Document d = new Document("_id", c.id()).append("name", c.name()).append("description", c.description())
                .append("effectiveDate", c.effectiveDate().toString()).append("teams", c.teams())
                .append("reasons", c.reasons()).append("cost", c.cost()).append("currency", c.currency())
                .append("recordedAt", Date.from(c.recordedAt())).append("recordedBy", c.recordedBy());
        return collection.insertOne(d).replaceWithVoid();
    }

    /** The change, or null. */
    public Uni<ProcessChange> find(String id) {
        return collection.find(Filters.eq("_id", id)).collect().first().map(d -> d == null ? null : of(d));
    }

    /** Every change, the latest effective first. */
    public Uni<List<ProcessChange>> all() {
        return collection.find(new FindOptions().sort(Sorts.descending("effectiveDate"))).map(ProcessChangeRepository::of)
                .collect().asList();
    }

    /** Removes the change; whether it existed. */
    public Uni<Boolean> delete(String id) {
        return collection.deleteOne(Filters.eq("_id", id)).map(r -> r.getDeletedCount() > 0);
    }

    private static ProcessChange of(Document d) {
        Number cost = (Number) d.get("cost");
        return new ProcessChange(d.getString("_id"), d.getString("name"), d.getString("description"),
                LocalDate.parse(d.getString("effectiveDate")), d.getList("teams", String.class, List.of()),
                d.getList("reasons", String.class, List.of()), cost == null ? null : cost.doubleValue(),
                d.getString("currency"), d.getDate("recordedAt").toInstant(), d.getString("recordedBy"));
    }
}
