package io.cxvalue.experiment.service;

import io.cxvalue.contracts.EventType;
import io.cxvalue.experiment.ExperimentContacts;
import io.cxvalue.experiment.ObservationResult;
import io.cxvalue.experiment.VariantContact;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.VariantAssigned;
import io.cxvalue.experiment.exposure.ExposableExperiment;
import io.cxvalue.experiment.repository.CustomerTierRepository;
import io.cxvalue.experiment.repository.ExposureRepository;
import io.cxvalue.experiment.repository.OutboxRepository;
import io.cxvalue.experiment.repository.ProcessedEventRepository;
import io.cxvalue.experiment.repository.VariantContactRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Observes each contact for the experiments: records a contact handled under a variant (what the agent actually did:
 * compliance), and exposes the customer to every started experiment the contact is eligible for, publishing the
 * first exposure as {@link VariantAssigned} through the outbox. Both in one transaction with the event's id.
 */
@ApplicationScoped
public class ContactObservationService {

    /** What observing one interaction event did. */
    public record Observation(ObservationResult result, int newExposures) {
    }

    private final ProcessedEventRepository processedEvents;
    private final VariantContactRepository contacts;
    private final ExperimentCatalog catalog;
    private final CustomerTierRepository tiers;
    private final ExposureRepository exposures;
    private final OutboxRepository outbox;

    public ContactObservationService(ProcessedEventRepository processedEvents, VariantContactRepository contacts,
            ExperimentCatalog catalog, CustomerTierRepository tiers, ExposureRepository exposures,
            OutboxRepository outbox) {
        this.processedEvents = processedEvents;
        this.contacts = contacts;
        this.catalog = catalog;
        this.tiers = tiers;
        this.exposures = exposures;
        this.outbox = outbox;
    }

    /**
     * Observes the interaction exactly once (the event id is claimed in the same transaction): the contact under its
     * variant when it reports one, and the exposures it makes.
     */
    @WithTransaction
    public Uni<Observation> observe(String eventId, InteractionRecorded interaction, Optional<VariantContact> contact) {
        return processedEvents.claim(eventId, EventType.INTERACTION_RECORDED.ceType())
                .chain(firstDelivery -> {
                    if (!firstDelivery) {
                        return Uni.createFrom().item(new Observation(ObservationResult.DUPLICATE_EVENT, 0));
                    }
                    Uni<ObservationResult> recorded = contact.isEmpty()
                            ? Uni.createFrom().item(ObservationResult.NOT_IN_EXPERIMENT)
                            : contacts.insertIfAbsent(contact.get()).map(stored -> stored
                                    ? ObservationResult.RECORDED
                                    : ObservationResult.DUPLICATE_INTERACTION);
                    return recorded.chain(result -> expose(interaction).map(n -> new Observation(result, n)));
                });
    }

    /** Exposes the customer to each started experiment the contact is eligible for; the number exposed first now. */
    private Uni<Integer> expose(InteractionRecorded contact) {
        return catalog.exposable().chain(started -> started.isEmpty() ? Uni.createFrom().item(0)
                : tiers.tierOf(contact.customerId()).chain(tier -> Multi.createFrom().iterable(started)
                        .onItem().transformToUniAndConcatenate(experiment -> experiment.variantFor(contact, tier)
                                .map(variant -> exposeTo(experiment, variant, contact, tier))
                                .orElse(Uni.createFrom().item(0)))
                        .collect().asList()
                        .map(counts -> counts.stream().mapToInt(Integer::intValue).sum())));
    }

    private Uni<Integer> exposeTo(ExposableExperiment experiment, String variant, InteractionRecorded contact,
            String tier) {
        return exposures.expose(experiment.experimentId(), contact.customerId(), variant, contact.startedAt(),
                        contact.interactionId(), tier)
                .chain(first -> {
                    if (!first) {
                        return Uni.createFrom().item(0);
                    }
                    // One id per (experiment, customer): a republished assignment is recognisably the same one.
                    String assignmentId = UUID.nameUUIDFromBytes((experiment.experimentId() + "\u0000"
                            + contact.customerId()).getBytes(StandardCharsets.UTF_8)).toString();
                    return outbox.add(new VariantAssigned(assignmentId, experiment.experimentId(), variant,
                            contact.customerId(), contact.startedAt()), Instant.now().truncatedTo(ChronoUnit.MILLIS))
                            .replaceWith(1);
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
