package io.cxvalue.ingestion.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.cxvalue.ingestion.ImportJob;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** Import jobs and their progress, so that any instance can answer how a job is doing. */
@ApplicationScoped
public class ImportJobRepository {

    private final MongoCollections collections;

    public ImportJobRepository(MongoCollections collections) {
        this.collections = collections;
    }

    private ReactiveMongoCollection<Document> jobs() {
        return collections.get(MongoCollections.IMPORT_JOBS);
    }

    public Uni<Void> create(ImportJob job, String owner, String file) {
        Document document = new Document("_id", job.jobId())
                .append("kind", job.kind())
                .append("format", job.format().name())
                .append("state", job.state().name())
                .append("fileBytes", job.fileBytes())
                .append("processed", 0L).append("accepted", 0L).append("duplicates", 0L).append("rejected", 0L)
                .append("linesDone", 0L)
                .append("rejections", List.of())
                .append("createdAt", Date.from(job.createdAt()))
                .append("owner", owner)
                .append("file", file);
        return jobs().insertOne(document).replaceWithVoid();
    }

    public Uni<Void> start(String jobId, Instant at) {
        return jobs().updateOne(Filters.eq("_id", jobId), Updates.combine(
                        Updates.set("state", ImportJob.State.RUNNING.name()),
                        Updates.min("startedAt", Date.from(at))))
                .replaceWithVoid();
    }

    /**
     * Adds a chunk's outcome to the job. Rejections are kept up to {@code keep} in all; counts are always exact.
     */
    public Uni<Void> progress(String jobId, long accepted, long duplicates, List<ImportJob.Rejection> rejections,
            long rejected, long linesDone, int keep) {
        List<Document> details = rejections.stream()
                .map(rejection -> new Document("line", rejection.line()).append("violations",
                        rejection.violations().stream()
                                .map(v -> new Document("field", v.field()).append("message", v.message()))
                                .toList()))
                .toList();
        return jobs().updateOne(Filters.eq("_id", jobId), Updates.combine(
                        Updates.inc("processed", accepted + duplicates + rejected),
                        Updates.inc("accepted", accepted),
                        Updates.inc("duplicates", duplicates),
                        Updates.inc("rejected", rejected),
                        Updates.set("linesDone", linesDone),
                        Updates.pushEach("rejections", details, new com.mongodb.client.model.PushOptions()
                                .slice(keep))))
                .replaceWithVoid();
    }

    public Uni<Void> finish(String jobId, ImportJob.State state, String error, Instant at) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("state", state.name()),
                Updates.set("finishedAt", Date.from(at))));
        if (error != null) {
            updates.add(Updates.set("error", error));
        }
        return jobs().updateOne(Filters.eq("_id", jobId), Updates.combine(updates)).replaceWithVoid();
    }

    public Uni<Optional<ImportJob>> find(String jobId) {
        return jobs().find(Filters.eq("_id", jobId)).toUni()
                .map(document -> Optional.ofNullable(document).map(ImportJobRepository::toJob));
    }

    /** Jobs this instance received and had not finished: resumed at start when their file is still here. */
    public Uni<List<Document>> unfinished(String owner) {
        return jobs().find(Filters.and(Filters.eq("owner", owner),
                        Filters.in("state", ImportJob.State.QUEUED.name(), ImportJob.State.RUNNING.name())))
                .collect().asList();
    }

    public static ImportJob toJob(Document document) {
        List<ImportJob.Rejection> rejections = document.getList("rejections", Document.class, List.of()).stream()
                .map(rejection -> new ImportJob.Rejection(((Number) rejection.get("line")).longValue(),
                        rejection.getList("violations", Document.class, List.of()).stream()
                                .map(v -> new ImportJob.Violation(v.getString("field"), v.getString("message")))
                                .toList()))
                .toList();
        return new ImportJob(document.getString("_id"), document.getString("kind"),
                ImportJob.Format.valueOf(document.getString("format")),
                ImportJob.State.valueOf(document.getString("state")), number(document, "fileBytes"),
                number(document, "processed"), number(document, "accepted"), number(document, "duplicates"),
                number(document, "rejected"), number(document, "linesDone"), rejections,
                instant(document.getDate("createdAt")), instant(document.getDate("startedAt")),
                instant(document.getDate("finishedAt")), document.getString("error"));
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
