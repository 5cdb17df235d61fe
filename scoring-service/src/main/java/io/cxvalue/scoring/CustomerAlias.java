package io.cxvalue.scoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer id that was merged into another ({@code CustomersMerged}): events still carrying it are applied to the
 * survivor. Always points at the final survivor (chains are flattened when a survivor is merged in turn).
 */
@Entity
@Table(name = "customer_alias")
public class CustomerAlias {

    @Id
    @Column(name = "merged_id", length = 128)
    private String mergedId;

    @Column(name = "survivor_id", nullable = false, length = 128)
    private String survivorId;

    @Column(name = "merged_at", nullable = false)
    private Instant mergedAt;

    /** For Hibernate. */
    protected CustomerAlias() {
    }

    public CustomerAlias(String mergedId, String survivorId, Instant mergedAt) {
        if (Objects.requireNonNull(mergedId, "mergedId").equals(survivorId)) {
            throw new IllegalArgumentException("A customer cannot be merged into itself: " + mergedId);
        }
        this.mergedId = mergedId;
        this.survivorId = Objects.requireNonNull(survivorId, "survivorId");
        this.mergedAt = Objects.requireNonNull(mergedAt, "mergedAt");
    }

    public String mergedId() {
        return mergedId;
    }

    public String survivorId() {
        return survivorId;
    }

    public Instant mergedAt() {
        return mergedAt;
    }
}
