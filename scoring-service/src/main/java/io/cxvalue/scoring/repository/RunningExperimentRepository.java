package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.experiment.RunningExperiment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The experiments running now ({@code running_experiment}). */
@ApplicationScoped
public class RunningExperimentRepository implements PanacheRepositoryBase<RunningExperiment, String> {
}
