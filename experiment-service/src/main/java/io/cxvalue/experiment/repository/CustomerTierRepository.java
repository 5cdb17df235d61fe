package io.cxvalue.experiment.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * What experiment-service keeps about a customer as such: their latest value tier from cx.scores ({@code customer_tier})
 * and, for erasure, their history; in Panache's current session.
 */
@ApplicationScoped
public class CustomerTierRepository {

    /** Stores the tier unless a later score is already stored (scores may arrive out of order). */
    public Uni<Integer> record(String customerId, String valueTier, Instant scoredAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into customer_tier (customer_id, value_tier, scored_at)
                        values (:customerId, :valueTier, :scoredAt)
                        on conflict (customer_id) do update
                            set value_tier = excluded.value_tier, scored_at = excluded.scored_at
                            where customer_tier.scored_at < excluded.scored_at""")
                .setParameter("customerId", customerId)
                .setParameter("valueTier", valueTier)
                .setParameter("scoredAt", scoredAt)
                .executeUpdate());
    }

    /** The customer's latest tier, or null when never scored. */
    public Uni<String> tierOf(String customerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select value_tier from customer_tier where customer_id = :customerId", String.class)
                .setParameter("customerId", customerId)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** Deletes an erased customer's tier (it is about them and nothing else). */
    public Uni<Integer> deleteCustomer(String customerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from customer_tier where customer_id = :customerId")
                .setParameter("customerId", customerId)
                .executeUpdate());
    }

    /**
     * Deletes an erased customer's history (customer_event): it is about them alone. Their exposures keep their
     * outcomes under a pseudonym, so the experiments' statistics stay as they were.
     */
    public Uni<Integer> deleteHistory(String customerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from customer_event where customer_id = :customerId")
                .setParameter("customerId", customerId)
                .executeUpdate());
    }
}
