package io.cxvalue.scoring.experiment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** An experiment that is running now: its ExperimentStarted payload, as published on cx.experiments. */
@Entity
@Table(name = "running_experiment")
public class RunningExperiment {

    @Id
    @Column(name = "experiment_id", nullable = false, length = 128)
    private String experimentId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "definition", nullable = false)
    private String definition;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    protected RunningExperiment() {
        // for Hibernate
    }

    public RunningExperiment(String experimentId, String definition, Instant startedAt) {
        this.experimentId = experimentId;
        this.definition = definition;
        this.startedAt = startedAt;
    }

    public String experimentId() {
        return experimentId;
    }

    public String definition() {
        return definition;
    }

    public Instant startedAt() {
        return startedAt;
    }
}
