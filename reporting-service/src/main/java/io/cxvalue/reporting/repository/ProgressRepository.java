package io.cxvalue.reporting.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * How far the KPI consumer has applied each partition it reads, whichever instance owns it: the next offset to apply,
 * the newest event time applied (the CloudEvents {@code time}, when the producer published it), and when it was
 * applied. The KPI answers read it to say up to when their data is complete.
 */
@ApplicationScoped
public class ProgressRepository {

    static final String COLLECTION = "consumer_progress";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final ReactiveMongoCollection<Document> progress;

    ProgressRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.progress = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** One partition's progress. */
    public record PartitionProgress(String topic, int partition, long nextOffset, Instant latestEventAt,
            Instant appliedAt) {
    }

    /** Records progress; never moves an offset or an event time back (a replayed batch is older). */
    public Uni<Void> record(List<PartitionProgress> applied) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (PartitionProgress p : applied) {
            List<org.bson.conversions.Bson> updates = new ArrayList<>();
            updates.add(Updates.setOnInsert("topic", p.topic()));
            updates.add(Updates.setOnInsert("partition", p.partition()));
            updates.add(Updates.max("nextOffset", p.nextOffset()));
            if (p.latestEventAt() != null) {
                updates.add(Updates.max("latestEventAt", Date.from(p.latestEventAt())));
            }
            updates.add(Updates.set("appliedAt", Date.from(p.appliedAt())));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", p.topic() + ":" + p.partition()),
                    Updates.combine(updates), UPSERT));
        }
        return ContactRepository.bulk(progress, writes);
    }

    public Uni<List<PartitionProgress>> all() {
        return progress.find(Document.class)
                .map(d -> new PartitionProgress(d.getString("topic"), d.getInteger("partition"),
                        ((Number) d.get("nextOffset")).longValue(),
                        d.getDate("latestEventAt") == null ? null : d.getDate("latestEventAt").toInstant(),
                        d.getDate("appliedAt").toInstant()))
                .collect().asList();
    }
}
