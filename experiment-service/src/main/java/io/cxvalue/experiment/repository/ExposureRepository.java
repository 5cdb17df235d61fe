package io.cxvalue.experiment.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Customers' exposures to experiments ({@code exposure}), in Panache's current session. */
@ApplicationScoped
public class ExposureRepository {

    /**
     * Per assigned variant: exposed customers, the contacts of those customers reported under a variant of this
     * experiment, and how many of them under the assigned one (compliance), as (variant, customers, reported,
     * compliant) rows sorted by variant.
     */
    public Uni<List<Object[]>> countByVariant(String experimentId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select e.variant, count(distinct e.customer_id), count(c.interaction_id),
                               count(c.interaction_id) filter (where c.variant = e.variant)
                        from exposure e
                        left join variant_contact c
                               on c.experiment_id = e.experiment_id and c.customer_id = e.customer_id
                        where e.experiment_id = :experimentId
                        group by e.variant order by e.variant""", Object[].class)
                .setParameter("experimentId", experimentId)
                .getResultList());
    }

    /** Replaces an erased customer's id in their exposures (as in the contact observations). */
    public Uni<Integer> pseudonymiseCustomer(String customerId, String pseudonym) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update exposure set customer_id = :pseudonym where customer_id = :customerId")
                .setParameter("pseudonym", pseudonym)
                .setParameter("customerId", customerId)
                .executeUpdate());
    }
}
