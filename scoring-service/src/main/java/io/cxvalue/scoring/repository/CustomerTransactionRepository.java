package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.CustomerTransaction;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Purchases, cancellations and refunds, one row per transaction. */
@ApplicationScoped
public class CustomerTransactionRepository implements PanacheRepositoryBase<CustomerTransaction, String> {

    /** The customer's transactions that occurred at or before {@code asOf}, oldest first. */
    public Uni<List<CustomerTransaction>> occurredUpTo(String customerId, Instant asOf) {
        return list("customerId = ?1 and occurredAt <= ?2 order by occurredAt, transactionId", customerId, asOf);
    }

    /**
     * The next {@code limit} customers by id after {@code afterCustomerId} (null: from the first) that have a
     * transaction at or before {@code asOf}, with all their transactions up to then, grouped by customer and oldest
     * first within each: the CLV fit and scoring read every customer page by page with this, one query per page, so
     * memory stays bounded whatever the number of customers.
     */
    public Uni<List<CustomerTransaction>> nextCustomersOccurredUpTo(String afterCustomerId, int limit, Instant asOf) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select t.* from customer_transaction t
                        where t.customer_id in (select distinct customer_id from customer_transaction
                                                where customer_id > :after and occurred_at <= :asOf
                                                order by customer_id limit :limit)
                          and t.occurred_at <= :asOf
                        order by t.customer_id, t.occurred_at, t.transaction_id""", CustomerTransaction.class)
                .setParameter("after", afterCustomerId == null ? "" : afterCustomerId)
                .setParameter("asOf", OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC))
                .setParameter("limit", limit)
                .getResultList());
    }
}
