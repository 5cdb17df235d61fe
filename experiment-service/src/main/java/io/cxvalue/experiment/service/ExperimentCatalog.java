package io.cxvalue.experiment.service;

import io.cxvalue.experiment.design.ExperimentDefinition;
import io.cxvalue.experiment.exposure.ExposableExperiment;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The experiments that expose customers (every one that has started), for the outcome path: read from the store at
 * most every {@link #KEEP_FOR} instead of once per batch. A start or stop on this instance {@link #invalidate()}s it;
 * one on another instance reaches this one within {@link #KEEP_FOR}. Contacts consumed in that gap are judged against
 * the window the experiment ran in, which the next read corrects for later contacts.
 */
@ApplicationScoped
public class ExperimentCatalog {

    static final Duration KEEP_FOR = Duration.ofSeconds(5);

    private record Snapshot(List<ExposableExperiment> experiments, long readAtNanos) {
    }

    private final ExperimentDesignService design;
    private volatile Snapshot snapshot;

    public ExperimentCatalog(ExperimentDesignService design) {
        this.design = design;
    }

    /** The started experiments, read on the caller's connection when the kept copy is missing or old. */
    public Uni<List<ExposableExperiment>> exposable(SqlConnection connection) {
        Snapshot kept = snapshot;
        if (kept != null && System.nanoTime() - kept.readAtNanos() < KEEP_FOR.toNanos()) {
            return Uni.createFrom().item(kept.experiments());
        }
        long readAt = System.nanoTime();
        return connection.query("""
                        select id, salt, definition::text as definition, started_at, stopped_at
                        from experiment where state <> 'DRAFT'""")
                .execute()
                .map(rows -> {
                    List<ExposableExperiment> read = new ArrayList<>(rows.size());
                    rows.forEach(row -> read.add(exposable(row)));
                    snapshot = new Snapshot(List.copyOf(read), readAt);
                    return read;
                });
    }

    public void invalidate() {
        snapshot = null;
    }

    private ExposableExperiment exposable(Row row) {
        ExperimentDefinition d = design.definition(row.getString("id"), row.getString("definition"));
        Instant stoppedAt = row.getOffsetDateTime("stopped_at") == null ? null
                : row.getOffsetDateTime("stopped_at").toInstant();
        return new ExposableExperiment(row.getString("id"), row.getString("salt"), d.variants(), d.eligibility(),
                row.getOffsetDateTime("started_at").toInstant(), stoppedAt);
    }
}
