package io.cxvalue.experiment.repository;

import io.cxvalue.experiment.VariantContact;
import io.cxvalue.experiment.VariantContacts;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The contacts observed under experiment variants. */
@ApplicationScoped
public class VariantContactRepository implements PanacheRepositoryBase<VariantContact, VariantContact.Key> {

    /**
     * Stores the contact unless its interaction was already observed for the experiment. A concurrent insert of the
     * same interaction fails its commit on the primary key, and the consumer's retry then finds the contact stored.
     *
     * @return true if stored, false if the interaction was already there
     */
    public Uni<Boolean> insertIfAbsent(VariantContact contact) {
        return findById(contact.key()).chain(observed -> observed != null
                ? Uni.createFrom().item(false)
                : persist(contact).replaceWith(true));
    }

    /** Contacts and distinct customers of each variant of the experiment; empty if it has no observations. */
    public Uni<List<VariantContacts>> countByVariant(String experimentId) {
        return getSession().chain(session -> session
                .createNamedQuery(VariantContact.COUNT_BY_VARIANT, VariantContacts.class)
                .setParameter("experimentId", experimentId)
                .getResultList());
    }

    /**
     * Replaces the customer id of every contact of {@code customerId} with {@code pseudonym}, in the caller's
     * transaction; returns the number of contacts changed.
     */
    public Uni<Integer> pseudonymiseCustomer(String customerId, String pseudonym) {
        return update("customerId = ?1 where customerId = ?2", pseudonym, customerId);
    }

    /**
     * Counts one more contact reported by a customer assigned to {@code assignedVariant}, compliant when it was
     * reported under that variant.
     */
    public Uni<Integer> countCompliance(String experimentId, String assignedVariant, boolean compliant) {
        return getSession().chain(session -> session.createNativeQuery("""
                        insert into variant_compliance (experiment_id, assigned_variant, reported_contacts,
                                                        compliant_contacts)
                        values (:experimentId, :variant, 1, :compliant)
                        on conflict (experiment_id, assigned_variant) do update
                            set reported_contacts = variant_compliance.reported_contacts + 1,
                                compliant_contacts = variant_compliance.compliant_contacts + excluded.compliant_contacts""")
                .setParameter("experimentId", experimentId)
                .setParameter("variant", assignedVariant)
                .setParameter("compliant", compliant ? 1 : 0)
                .executeUpdate());
    }
}
