package io.cxvalue.experiment.rest;

import io.cxvalue.experiment.design.Experiment;
import io.cxvalue.experiment.design.ExperimentDefinition;
import io.cxvalue.experiment.design.ExperimentState;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** An experiment as the API shows it: its definition and its lifecycle, with who moved it and when. */
public record ExperimentResponse(
        String id,
        String name,
        ExperimentState state,
        @Schema(description = "Mixed with the customer id into the assignment hash (contracts' VariantAssignment), "
                + "so anyone can recompute a customer's variant")
        String salt,
        int version,
        ExperimentDefinition definition,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        Instant startedAt,
        String startedBy,
        Instant stoppedAt,
        String stoppedBy,
        String stopReason,
        Instant decidedAt,
        String decidedBy,
        @Schema(description = "The plan's total sample size at the start (null when there was no history to plan "
                + "from); the always-valid intervals are tuned for it")
        Long plannedCustomers) {

    static ExperimentResponse of(Experiment e, ExperimentDefinition definition) {
        return new ExperimentResponse(e.id(), e.name(), e.state(), e.salt(), e.version(), definition, e.createdAt(),
                e.createdBy(), e.updatedAt(), e.updatedBy(), e.startedAt(), e.startedBy(), e.stoppedAt(),
                e.stoppedBy(), e.stopReason(), e.decidedAt(), e.decidedBy(), e.plannedCustomers());
    }
}
