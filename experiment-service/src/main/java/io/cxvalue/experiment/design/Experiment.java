package io.cxvalue.experiment.design;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/**
 * A test program and its lifecycle: DRAFT (editable) → RUNNING (callers are randomized and told their variant's
 * instruction) → STOPPED (no new exposures; outcomes of exposed customers keep arriving until their windows close)
 * → DECIDED. Each move says who made it and when. The definition is kept as JSON ({@link ExperimentDefinition}).
 */
@Entity
@Table(name = "experiment")
public class Experiment {

    @Id
    @Column(name = "id", nullable = false, length = 64)
    private String id;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private ExperimentState state;

    @Column(name = "salt", nullable = false, length = 64)
    private String salt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "definition", nullable = false)
    private String definition;

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, length = 128)
    private String createdBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by", nullable = false, length = 128)
    private String updatedBy;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "started_by", length = 128)
    private String startedBy;
    @Column(name = "stopped_at")
    private Instant stoppedAt;
    @Column(name = "stopped_by", length = 128)
    private String stoppedBy;
    @Column(name = "stop_reason", length = 500)
    private String stopReason;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decided_by", length = 128)
    private String decidedBy;
    @Column(name = "planned_customers")
    private Long plannedCustomers;

    protected Experiment() {
        // for Hibernate
    }

    public Experiment(String id, String name, String salt, String definitionJson, String by, Instant at) {
        this.id = id;
        this.name = name;
        this.salt = salt;
        this.definition = definitionJson;
        this.state = ExperimentState.DRAFT;
        this.createdAt = at;
        this.createdBy = by;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    /** Replaces the definition; only a draft can change. */
    public void redefine(String name, String definitionJson, String by, Instant at) {
        require(ExperimentState.DRAFT, "changed");
        this.name = name;
        this.definition = definitionJson;
        touch(by, at);
    }

    /** @param plannedCustomers the plan's total sample size now (null when it could not be planned) */
    public void start(String by, Instant at, Long plannedCustomers) {
        require(ExperimentState.DRAFT, "started");
        state = ExperimentState.RUNNING;
        this.plannedCustomers = plannedCustomers;
        startedAt = at;
        startedBy = by;
        touch(by, at);
    }

    public void stop(String by, Instant at, String reason) {
        require(ExperimentState.RUNNING, "stopped");
        state = ExperimentState.STOPPED;
        stoppedAt = at;
        stoppedBy = by;
        stopReason = reason;
        touch(by, at);
    }

    /**
     * Records a decision: a running experiment stops first (the caller publishes that), a decided one may be decided
     * again (a later decision, e.g. rolling out to more tiers, is added to the trail).
     *
     * @return whether the experiment was running and has now stopped
     */
    public boolean decide(String by, Instant at) {
        if (state == ExperimentState.DRAFT) {
            throw new IllegalTransitionException("experiment '" + id + "' is a DRAFT: only a started experiment can "
                    + "be decided");
        }
        boolean wasRunning = state == ExperimentState.RUNNING;
        if (wasRunning) {
            stop(by, at, "decided");
        }
        state = ExperimentState.DECIDED;
        decidedAt = at;
        decidedBy = by;
        touch(by, at);
        return wasRunning;
    }

    private void require(ExperimentState expected, String verb) {
        if (state != expected) {
            throw new IllegalTransitionException("experiment '" + id + "' is " + state + ": only a " + expected
                    + " experiment can be " + verb);
        }
    }

    private void touch(String by, Instant at) {
        updatedAt = at;
        updatedBy = by;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ExperimentState state() {
        return state;
    }

    public String salt() {
        return salt;
    }

    public String definitionJson() {
        return definition;
    }

    public int version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String startedBy() {
        return startedBy;
    }

    public Instant stoppedAt() {
        return stoppedAt;
    }

    public String stoppedBy() {
        return stoppedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Long plannedCustomers() {
        return plannedCustomers;
    }

    public String stopReason() {
        return stopReason;
    }

    /** A lifecycle move the experiment's state does not allow (answered 409). */
    public static final class IllegalTransitionException extends IllegalStateException {
        public IllegalTransitionException(String message) {
            super(message);
        }
    }
}
