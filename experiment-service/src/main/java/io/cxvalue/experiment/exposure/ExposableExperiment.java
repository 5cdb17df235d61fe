package io.cxvalue.experiment.exposure;

import io.cxvalue.contracts.events.Eligibility;
import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.contracts.experiments.VariantAssignment;
import io.cxvalue.experiment.outcome.CustomerEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An experiment that exposes customers: one that has started, with the window it ran in (open while it runs). A
 * contact exposes its customer when it happened in that window and meets the eligibility; the customer's variant is
 * the shared hash of the experiment's salt and the customer id, the same one the caller card showed.
 *
 * @param stoppedAt null while the experiment runs
 */
public record ExposableExperiment(String experimentId, String salt, List<ExperimentVariantDefinition> variants,
        Eligibility eligibility, Instant startedAt, Instant stoppedAt) {

    /** The variant this contact exposes its customer to, or empty when the contact is not eligible. */
    public Optional<String> variantFor(CustomerEvent contact, String valueTier) {
        Instant at = contact.occurredAt();
        if (at.isBefore(startedAt) || stoppedAt != null && !at.isBefore(stoppedAt)) {
            return Optional.empty();
        }
        if (contact.kind() != CustomerEvent.Kind.CONTACT
                || !eligibility.admitsContact(contact.channel(), contact.contactReason(), contact.teamId())
                || !eligibility.admitsValueTier(valueTier)) {
            return Optional.empty();
        }
        return Optional.of(VariantAssignment.variant(salt, contact.customerId(), variants,
                ExperimentVariantDefinition::weight).key());
    }
}
