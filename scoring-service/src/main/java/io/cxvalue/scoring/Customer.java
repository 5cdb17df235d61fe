package io.cxvalue.scoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer scoring has heard of on {@code cx.customers}. Deliberately no profile: no display name, no attributes
 * (scoring holds no personal data beyond the identity keys of {@link CustomerIdentity}).
 */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    @Column(name = "customer_id", length = 128)
    private String customerId;

    @Column(name = "last_updated_at", nullable = false)
    private Instant lastUpdatedAt;

    /** For Hibernate. */
    protected Customer() {
    }

    public Customer(String customerId, Instant updatedAt) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.lastUpdatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Keeps the latest of the update times seen (events may arrive out of order). */
    public void touch(Instant updatedAt) {
        if (updatedAt.isAfter(lastUpdatedAt)) {
            lastUpdatedAt = updatedAt;
        }
    }

    public String customerId() {
        return customerId;
    }

    public Instant lastUpdatedAt() {
        return lastUpdatedAt;
    }
}
