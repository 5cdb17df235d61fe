package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.CustomerTransaction;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Purchases, cancellations and refunds, one row per transaction. */
@ApplicationScoped
public class CustomerTransactionRepository implements PanacheRepositoryBase<CustomerTransaction, String> {

    /** The customer's transactions that occurred at or before {@code asOf}, oldest first. */
    public Uni<List<CustomerTransaction>> occurredUpTo(String customerId, Instant asOf) {
        return list("customerId = ?1 and occurredAt <= ?2 order by occurredAt, transactionId", customerId, asOf);
    }

    /**
     * Every customer's transactions that occurred at or before {@code asOf}, grouped by customer and oldest first
     * within each: one query for the CLV fit and scoring instead of one per customer.
     */
    public Uni<List<CustomerTransaction>> allOccurredUpTo(Instant asOf) {
        return list("occurredAt <= ?1 order by customerId, occurredAt, transactionId", asOf);
    }
}
