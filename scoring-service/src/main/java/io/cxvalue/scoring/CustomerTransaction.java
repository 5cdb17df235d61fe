package io.cxvalue.scoring;

import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A purchase, cancellation or refund of a customer: the input of the CLV transaction summary
 * ({@link TransactionDays}). The amount is positive whatever the kind.
 */
@Entity
@Table(name = "customer_transaction")
public class CustomerTransaction {

    @Id
    @Column(name = "transaction_id", length = 128)
    private String transactionId;

    @Column(name = "customer_id", nullable = false, length = 128)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16)
    private TransactionKind kind;

    @Column(name = "amount", nullable = false, precision = 19, scale = 4)
    private BigDecimal amount;

    @Column(name = "currency", nullable = false, length = 3)
    private String currency;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "cancels_transaction_id", length = 128)
    private String cancelsTransactionId;

    @Column(name = "originating_interaction_id", length = 128)
    private String originatingInteractionId;

    /** For Hibernate. */
    protected CustomerTransaction() {
    }

    private CustomerTransaction(String transactionId) {
        this.transactionId = Objects.requireNonNull(transactionId, "transactionId");
    }

    /** The transaction, kept under {@code customerId} (the event's, or its survivor after a merge). */
    public static CustomerTransaction of(TransactionRecorded transaction, String customerId) {
        CustomerTransaction kept = new CustomerTransaction(transaction.transactionId());
        kept.update(transaction, customerId);
        return kept;
    }

    /** For tests and for the summary: a transaction from its parts. */
    public static CustomerTransaction of(String transactionId, String customerId, TransactionKind kind,
            BigDecimal amount, Instant occurredAt, String cancelsTransactionId) {
        CustomerTransaction kept = new CustomerTransaction(transactionId);
        kept.customerId = Objects.requireNonNull(customerId, "customerId");
        kept.kind = Objects.requireNonNull(kind, "kind");
        kept.amount = Objects.requireNonNull(amount, "amount");
        kept.currency = "EUR";
        kept.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
        kept.cancelsTransactionId = cancelsTransactionId;
        return kept;
    }

    /** Replaces what is known of the transaction with a newer report of it. */
    public void update(TransactionRecorded transaction, String customerId) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.kind = Objects.requireNonNull(transaction.kind(), "kind");
        this.amount = Objects.requireNonNull(transaction.amount(), "amount");
        this.currency = Objects.requireNonNull(transaction.currency(), "currency");
        this.occurredAt = Objects.requireNonNull(transaction.occurredAt(), "occurredAt");
        this.cancelsTransactionId = transaction.cancelsTransactionId();
        this.originatingInteractionId = transaction.originatingInteractionId();
    }

    public String transactionId() {
        return transactionId;
    }

    public String customerId() {
        return customerId;
    }

    public TransactionKind kind() {
        return kind;
    }

    public BigDecimal amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String cancelsTransactionId() {
        return cancelsTransactionId;
    }

    public String originatingInteractionId() {
        return originatingInteractionId;
    }

    public boolean isPurchase() {
        return kind == TransactionKind.PURCHASE;
    }
}
