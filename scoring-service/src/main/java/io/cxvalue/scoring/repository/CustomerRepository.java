package io.cxvalue.scoring.repository;

import io.cxvalue.scoring.Customer;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The customers heard of on cx.customers (ids and update times only). */
@ApplicationScoped
public class CustomerRepository implements PanacheRepositoryBase<Customer, String> {
}
