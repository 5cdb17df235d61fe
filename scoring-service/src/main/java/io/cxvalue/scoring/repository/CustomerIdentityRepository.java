package io.cxvalue.scoring.repository;

import io.cxvalue.contracts.events.IdentityKind;
import io.cxvalue.scoring.CustomerIdentity;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;


/** Identity keys (phone, e-mail, CRM id) by (kind, value). */
@ApplicationScoped
public class CustomerIdentityRepository implements PanacheRepositoryBase<CustomerIdentity, CustomerIdentity.Key> {

    public Uni<CustomerIdentity> find(IdentityKind kind, String value) {
        return findById(new CustomerIdentity.Key(kind, value));
    }
}
