package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.CustomerContactSummary;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Contact summaries by customer id ({@code findById} loads the per-channel counts in the same query). */
@ApplicationScoped
public class CustomerContactSummaryRepository implements PanacheRepositoryBase<CustomerContactSummary, String> {

    /**
     * Deletes the customer's summary and its per-channel counts (removed with it, also by the foreign key's
     * {@code ON DELETE CASCADE}); returns whether there was one.
     */
    public Uni<Boolean> deleteCustomer(String customerId) {
        return findById(customerId).chain(summary -> summary == null
                ? Uni.createFrom().item(false)
                : delete(summary).replaceWith(true));
    }
}
