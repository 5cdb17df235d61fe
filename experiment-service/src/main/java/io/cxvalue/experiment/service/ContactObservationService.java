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

/** Records the contacts handled under experiment variants, and reports them per variant. */
@ApplicationScoped
public class ContactObservationService {

    private final ProcessedEventRepository processedEvents;
    private final VariantContactRepository contacts;

    public ContactObservationService(ProcessedEventRepository processedEvents, VariantContactRepository contacts) {
        this.processedEvents = processedEvents;
        this.contacts = contacts;
    }

    /**
     * Records the contact reported by an interaction event, exactly once: the event id is claimed in the same
     * transaction as the contact is stored, so a redelivered event changes nothing.
     */
    @WithTransaction
    public Uni<ObservationResult> record(VariantContact contact) {
        return processedEvents.claim(contact.eventId(), EventType.INTERACTION_RECORDED.ceType())
                .chain(firstDelivery -> firstDelivery
                        ? contacts.insertIfAbsent(contact).map(stored -> stored
                                ? ObservationResult.RECORDED
                                : ObservationResult.DUPLICATE_INTERACTION)
                        : Uni.createFrom().item(ObservationResult.DUPLICATE_EVENT));
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
