package io.cxvalue.experiment.repository;

import io.cxvalue.experiment.design.Experiment;
import io.cxvalue.experiment.design.ExperimentState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The experiments analysts design ({@code experiment}). */
@ApplicationScoped
public class ExperimentRepository implements PanacheRepositoryBase<Experiment, String> {

    /** Newest first; all of them when {@code state} is null. */
    public Uni<List<Experiment>> list(ExperimentState state) {
        Sort newestFirst = Sort.descending("createdAt");
        return state == null ? listAll(newestFirst) : list("state", newestFirst, state);
    }
}
