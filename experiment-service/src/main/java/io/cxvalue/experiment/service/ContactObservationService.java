package io.cxvalue.experiment.service;

import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.contracts.experiments.VariantAssignment;
import io.cxvalue.experiment.ExperimentContacts;
import io.cxvalue.experiment.ObservationResult;
import io.cxvalue.experiment.VariantContact;
import io.cxvalue.experiment.design.ExperimentState;
import io.cxvalue.experiment.repository.ExperimentRepository;
import io.cxvalue.experiment.repository.ProcessedEventRepository;
import io.cxvalue.experiment.repository.VariantContactRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records a contact handled under a variant (what the agent actually did) and counts it for the compliance rate of the
 * variant its customer is assigned to (the shared hash, so no exposure is needed), in one transaction with the event's
 * id. Exposures are the outcome path's ({@link OutcomeService}).
 */
@ApplicationScoped
public class ContactObservationService {

    private final ProcessedEventRepository processedEvents;
    private final VariantContactRepository contacts;
    private final ExperimentRepository experiments;
    private final ExperimentDesignService design;
    /** A started experiment's salt and variants never change: read once per experiment and instance. */
    private final Map<String, Assignment> assignments = new ConcurrentHashMap<>();

    private record Assignment(String salt, List<ExperimentVariantDefinition> variants) {
    }

    public ContactObservationService(ProcessedEventRepository processedEvents, VariantContactRepository contacts,
            ExperimentRepository experiments, ExperimentDesignService design) {
        this.processedEvents = processedEvents;
        this.contacts = contacts;
        this.experiments = experiments;
        this.design = design;
    }

    /** Observes the interaction exactly once (the event id is claimed in the same transaction). */
    @WithTransaction
    public Uni<ObservationResult> observe(String eventId, Optional<VariantContact> contact) {
        return processedEvents.claim(eventId, EventType.INTERACTION_RECORDED.ceType())
                .chain(firstDelivery -> {
                    if (!firstDelivery) {
                        return Uni.createFrom().item(ObservationResult.DUPLICATE_EVENT);
                    }
                    return contact.isEmpty()
                            ? Uni.createFrom().item(ObservationResult.NOT_IN_EXPERIMENT)
                            : contacts.insertIfAbsent(contact.get()).chain(stored -> stored
                                    ? countCompliance(contact.get()).replaceWith(ObservationResult.RECORDED)
                                    : Uni.createFrom().item(ObservationResult.DUPLICATE_INTERACTION));
                });
    }

    /**
     * Observes a poll's contacts under a variant in one transaction, in order, each exactly once as {@link #observe}
     * does; what each did.
     */
    @WithTransaction
    public Uni<List<ObservationResult>> observeAll(List<String> eventIds, List<VariantContact> contacts) {
        Uni<List<ObservationResult>> results = Uni.createFrom().item(new java.util.ArrayList<>());
        for (int i = 0; i < contacts.size(); i++) {
            String eventId = eventIds.get(i);
            VariantContact contact = contacts.get(i);
            results = results.chain(done -> observe(eventId, Optional.of(contact)).map(result -> {
                done.add(result);
                return done;
            }));
        }
        return results;
    }

    /** Counts the contact for its customer's assigned variant; nothing for an experiment that has not started. */
    private Uni<Void> countCompliance(VariantContact contact) {
        return assignment(contact.experimentId()).chain(found -> {
            if (found == null) {
                return Uni.createFrom().voidItem();
            }
            String assigned = VariantAssignment.variant(found.salt(), contact.customerId(), found.variants(),
                    ExperimentVariantDefinition::weight).key();
            return contacts.countCompliance(contact.experimentId(), assigned, assigned.equals(contact.variant()))
                    .replaceWithVoid();
        });
    }

    private Uni<Assignment> assignment(String experimentId) {
        Assignment kept = assignments.get(experimentId);
        if (kept != null) {
            return Uni.createFrom().item(kept);
        }
        return experiments.findById(experimentId).map(found -> {
            if (found == null || found.state() == ExperimentState.DRAFT) {
                return null;
            }
            Assignment read = new Assignment(found.salt(), design.definition(found).variants());
            assignments.put(experimentId, read);
            return read;
        });
    }

    /** The contacts of each variant of the experiment; empty when nothing was observed for it. */
    @WithSession
    public Uni<Optional<ExperimentContacts>> contacts(String experimentId) {
        return contacts.countByVariant(experimentId)
                .map(variants -> variants.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new ExperimentContacts(experimentId, variants)));
    }
}
