package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.CustomerContactSummary;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Contact summaries by customer id ({@code findById} loads the per-channel counts in the same query). */
@ApplicationScoped
public class CustomerContactSummaryRepository implements PanacheRepositoryBase<CustomerContactSummary, String> {
}
