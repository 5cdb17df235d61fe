package io.cxvalue.experiment.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Customers' exposures to experiments ({@code exposure}), in Panache's current session. */
@ApplicationScoped
public class ExposureRepository {

    /**
     * Records the customer's exposure unless they were exposed before. When this contact is earlier than the stored
     * exposure (events out of order), the exposure moves to it; the variant never changes (the hash decides it), nor
     * does the tier the customer's outcomes are counted under.
     *
     * @return true when the customer was exposed for the first time (their assignment is then published)
     */
    public Uni<Boolean> expose(String experimentId, String customerId, String variant, Instant at,
            String interactionId, String valueTier) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into exposure (experiment_id, customer_id, variant, exposed_at, interaction_id, value_tier)
                        values (:experimentId, :customerId, :variant, :at, :interactionId, :valueTier)
                        on conflict (experiment_id, customer_id) do update
                            set exposed_at = excluded.exposed_at, interaction_id = excluded.interaction_id
                            where exposure.exposed_at > excluded.exposed_at
                        returning (xmax = 0)""", Boolean.class)
                .setParameter("experimentId", experimentId)
                .setParameter("customerId", customerId)
                .setParameter("variant", variant)
                .setParameter("at", at)
                .setParameter("interactionId", interactionId)
                .setParameter("valueTier", valueTier)
                .getResultList()
                // No row: an earlier exposure stands. A row: inserted (xmax = 0) or moved earlier (false).
                .map(rows -> !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0))));
    }

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
