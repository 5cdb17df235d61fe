package io.cxvalue.scoring.service;

import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.events.ExperimentStarted;
import io.cxvalue.contracts.events.ExperimentStopped;
import io.cxvalue.scoring.experiment.RunningExperiment;
import io.cxvalue.scoring.repository.ProcessedEventRepository;
import io.cxvalue.scoring.repository.RunningExperimentRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * The experiments running now, from cx.experiments: a start stores the experiment's definition, a stop removes it.
 * The caller card reads this instance's copy ({@link #forCards()}), refreshed in the background: a change consumed by
 * this instance applies at once, one consumed by another within about {@link #CACHE_FOR}.
 */
@ApplicationScoped
public class RunningExperimentService {

    static final Duration CACHE_FOR = Duration.ofSeconds(5);

    private final RunningExperimentRepository experiments;
    private final ProcessedEventRepository processedEvents;
    private final StaleWhileRefresh<List<ExperimentStarted>> forCards;

    public RunningExperimentService(RunningExperimentRepository experiments, ProcessedEventRepository processedEvents) {
        this.experiments = experiments;
        this.processedEvents = processedEvents;
        this.forCards = new StaleWhileRefresh<>("running experiments", CACHE_FOR, this::running);
    }

    /** Stores a started experiment (a redelivery changes nothing; a repeated start of the same id replaces it). */
    @WithTransaction
    public Uni<EventOutcome> started(String eventId, String topic, ExperimentStarted event) {
        return processedEvents.applyOnce(eventId, topic, () -> experiments.findById(event.experimentId())
                .chain(existing -> existing == null ? Uni.createFrom().voidItem()
                        : experiments.delete(existing).chain(() -> experiments.flush()))
                .chain(() -> experiments.persist(new RunningExperiment(event.experimentId(), EventJson.write(event),
                        event.startedAt()))));
    }

    /** Removes a stopped experiment: from now on no card shows it. */
    @WithTransaction
    public Uni<EventOutcome> stopped(String eventId, String topic, ExperimentStopped event) {
        return processedEvents.applyOnce(eventId, topic, () -> experiments.deleteById(event.experimentId()));
    }

    /** Makes the next card read the store again (after this instance applied a change). */
    public void changed() {
        forCards.invalidate();
    }

    /** The running experiments for the caller card: this instance's copy (class comment). */
    public Uni<List<ExperimentStarted>> forCards() {
        return forCards.get();
    }

    @WithSession
    Uni<List<ExperimentStarted>> running() {
        return experiments.listAll().map(rows -> rows.stream()
                .map(row -> EventJson.read(row.definition(), ExperimentStarted.class)).toList());
    }
}
