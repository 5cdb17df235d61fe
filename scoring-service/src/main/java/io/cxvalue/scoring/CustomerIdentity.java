package io.cxvalue.scoring;

import io.cxvalue.contracts.events.IdentityKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An identity key the caller lookup finds a customer by: an E.164 phone number, a lower-cased e-mail address or a CRM
 * id, as ingestion normalised it. One identity belongs to at most one customer; the most recent link wins.
 */
@Entity
@Table(name = "customer_identity")
@IdClass(CustomerIdentity.Key.class)
public class CustomerIdentity {

    /** The kinds scoring keeps; social handles are not needed to look a caller up, so they are not stored. */
    public static final Set<IdentityKind> KEPT_KINDS = EnumSet.of(IdentityKind.PHONE, IdentityKind.EMAIL,
            IdentityKind.CRM_ID);

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 16)
    private IdentityKind kind;

    @Id
    @Column(name = "value", length = 320)
    private String value;

    @Column(name = "customer_id", nullable = false, length = 128)
    private String customerId;

    @Column(name = "linked_at", nullable = false)
    private Instant linkedAt;

    /** For Hibernate. */
    protected CustomerIdentity() {
    }

    public CustomerIdentity(IdentityKind kind, String value, String customerId, Instant linkedAt) {
        if (!KEPT_KINDS.contains(Objects.requireNonNull(kind, "kind"))) {
            throw new IllegalArgumentException("Identities of kind " + kind + " are not kept");
        }
        this.kind = kind;
        this.value = Objects.requireNonNull(value, "value");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.linkedAt = Objects.requireNonNull(linkedAt, "linkedAt");
    }

    public IdentityKind kind() {
        return kind;
    }

    public String value() {
        return value;
    }

    public String customerId() {
        return customerId;
    }

    public Instant linkedAt() {
        return linkedAt;
    }

    /** The primary key: (kind, value). */
    public static class Key implements Serializable {

        private IdentityKind kind;
        private String value;

        /** For Hibernate. */
        public Key() {
        }

        public Key(IdentityKind kind, String value) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.value = Objects.requireNonNull(value, "value");
        }

        public IdentityKind kind() {
            return kind;
        }

        public String value() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && kind == other.kind && Objects.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, value);
        }
    }
}
