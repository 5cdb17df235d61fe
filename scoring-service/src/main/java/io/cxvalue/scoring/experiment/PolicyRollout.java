package io.cxvalue.scoring.experiment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** The instruction a decided experiment rolled out for one value tier: its ExperimentDecided payload. */
@Entity
@Table(name = "policy_rollout")
public class PolicyRollout {

    @Id
    @Column(name = "value_tier", nullable = false, length = 32)
    private String valueTier;

    @Column(name = "experiment_id", nullable = false, length = 128)
    private String experimentId;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "decision", nullable = false)
    private String decision;

    protected PolicyRollout() {
        // for Hibernate
    }

    public String valueTier() {
        return valueTier;
    }

    public String decision() {
        return decision;
    }
}
