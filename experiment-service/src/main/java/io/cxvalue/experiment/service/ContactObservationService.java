package io.cxvalue.experiment.service;

import io.cxvalue.contracts.EventType;
import io.cxvalue.experiment.ExperimentContacts;
import io.cxvalue.experiment.ObservationResult;
import io.cxvalue.experiment.VariantContact;
import io.cxvalue.experiment.repository.ProcessedEventRepository;
import io.cxvalue.experiment.repository.VariantContactRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Records a contact handled under a variant (what the agent actually did), for the compliance rate, in one transaction
 * with the event's id. Exposures are the outcome path's ({@link OutcomeService}).
 */
@ApplicationScoped
public class ContactObservationService {

    private final ProcessedEventRepository processedEvents;
    private final VariantContactRepository contacts;

    public ContactObservationService(ProcessedEventRepository processedEvents, VariantContactRepository contacts) {
        this.processedEvents = processedEvents;
        this.contacts = contacts;
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
                            : contacts.insertIfAbsent(contact.get()).map(stored -> stored
                                    ? ObservationResult.RECORDED
                                    : ObservationResult.DUPLICATE_INTERACTION);
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
