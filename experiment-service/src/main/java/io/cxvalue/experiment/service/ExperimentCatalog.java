package io.cxvalue.experiment.service;

import io.cxvalue.experiment.design.Experiment;
import io.cxvalue.experiment.design.ExperimentDefinition;
import io.cxvalue.experiment.design.ExperimentState;
import io.cxvalue.experiment.exposure.ExposableExperiment;
import io.cxvalue.experiment.repository.ExperimentRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * The experiments that expose customers (every one that has started), for the interaction consumer: read from the
 * store at most every {@link #KEEP_FOR} instead of once per event. A start or stop on this instance
 * {@link #invalidate()}s it; one on another instance reaches this one within {@link #KEEP_FOR}. Contacts consumed in
 * that gap are judged against the window the experiment ran in, which the next read corrects for later contacts.
 */
@ApplicationScoped
public class ExperimentCatalog {

    static final Duration KEEP_FOR = Duration.ofSeconds(5);

    private record Snapshot(List<ExposableExperiment> experiments, long readAtNanos) {
    }

    private final ExperimentRepository experiments;
    private final ExperimentDesignService design;
    private volatile Snapshot snapshot;

    public ExperimentCatalog(ExperimentRepository experiments, ExperimentDesignService design) {
        this.experiments = experiments;
        this.design = design;
    }

    /** The started experiments, read in the caller's session when the kept copy is missing or old. */
    public Uni<List<ExposableExperiment>> exposable() {
        Snapshot kept = snapshot;
        if (kept != null && System.nanoTime() - kept.readAtNanos() < KEEP_FOR.toNanos()) {
            return Uni.createFrom().item(kept.experiments());
        }
        long readAt = System.nanoTime();
        return experiments.list("state <> ?1", ExperimentState.DRAFT).map(rows -> {
            List<ExposableExperiment> read = rows.stream().map(this::exposable).toList();
            snapshot = new Snapshot(read, readAt);
            return read;
        });
    }

    public void invalidate() {
        snapshot = null;
    }

    private ExposableExperiment exposable(Experiment e) {
        ExperimentDefinition d = design.definition(e);
        return new ExposableExperiment(e.id(), e.salt(), d.variants(), d.eligibility(), e.startedAt(), e.stoppedAt());
    }
}
