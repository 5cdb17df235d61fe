package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.Customer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The customers heard of on cx.customers (ids and update times only). */
@ApplicationScoped
public class CustomerRepository implements PanacheRepositoryBase<Customer, String> {

    /**
     * Whether scoring has heard of the customer at all: a profile or identity link, a contact summary, or a
     * transaction (one round trip; contacts and survey answers are checked by the caller, which reads them anyway).
     */
    public Uni<Boolean> isKnown(String customerId) {
        return Panache.getSession().chain(session -> session.<Boolean>createNativeQuery("""
                        select exists (select 1 from customer where customer_id = :id)
                            or exists (select 1 from customer_contact_summary where customer_id = :id)
                            or exists (select 1 from customer_transaction where customer_id = :id)""", Boolean.class)
                .setParameter("id", customerId)
                .getSingleResult());
    }
}
