package io.cxvalue.experiment.service;

import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.experiment.repository.CustomerTierRepository;
import io.cxvalue.experiment.repository.ExposureRepository;
import io.cxvalue.experiment.repository.OutboxRepository;
import io.cxvalue.experiment.repository.ProcessedEventRepository;
import io.cxvalue.experiment.repository.VariantContactRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Erases a customer from the experiment observations on request (GDPR right to erasure) and confirms it with an
 * {@link ErasureCompleted} event, exactly once per request event.
 */
@ApplicationScoped
public class ErasureService {

    /** The {@code service} this service names itself by in its confirmations. */
    public static final String SERVICE = "experiment-service";

    /** Prefix of the customer id that replaces an erased customer's id in the observations. */
    public static final String PSEUDONYM_PREFIX = "erased:";

    /** What handling an erasure request did. */
    public enum Outcome {
        /** The customer was anonymised and the confirmation stored in the outbox. */
        ERASED,
        /** The request event was handled before (a redelivery); nothing changed. */
        DUPLICATE
    }

    private final ProcessedEventRepository processedEvents;
    private final VariantContactRepository contacts;
    private final ExposureRepository exposures;
    private final CustomerTierRepository tiers;
    private final OutboxRepository outbox;

    public ErasureService(ProcessedEventRepository processedEvents, VariantContactRepository contacts,
            ExposureRepository exposures, CustomerTierRepository tiers, OutboxRepository outbox) {
        this.processedEvents = processedEvents;
        this.contacts = contacts;
        this.exposures = exposures;
        this.tiers = tiers;
        this.outbox = outbox;
    }

    /**
     * Anonymises the customer's observations and, in the same transaction, records the event id and stores the
     * confirmation in the outbox: the confirmation is published if and only if the erasure committed. A customer
     * with no observations still gets a confirmation.
     * <p>
     * The observations are anonymised rather than deleted: they are the experiments' data (deleting them would change
     * the results of experiments already reported and bias running ones), and the customer id is the only personal
     * data they hold. Every contact of the customer gets one pseudonym, so the per-variant distinct-customer counts
     * stay right, while nothing links it back to the customer: it is random, made once per erasure and stored
     * nowhere else. (Not derived from the customer id, which could be re-computed from a known id, nor from the
     * erasure id, which the erasure events on cx.erasures publish next to the customer id.)
     */
    @WithTransaction
    public Uni<Outcome> erase(String eventId, ErasureRequested request) {
        return processedEvents.claim(eventId, EventType.ERASURE_REQUESTED.ceType())
                .chain(firstDelivery -> firstDelivery
                        ? erase(request.customerId(), PSEUDONYM_PREFIX + UUID.randomUUID())
                                .chain(() -> {
                                    Instant now = now();
                                    return outbox.add(new ErasureCompleted(request.erasureId(), request.customerId(),
                                            SERVICE, now), now);
                                })
                                .replaceWith(Outcome.ERASED)
                        : Uni.createFrom().item(Outcome.DUPLICATE));
    }

    /** One pseudonym for all of the customer's observations and exposures; their tier (only about them) goes. */
    private Uni<Void> erase(String customerId, String pseudonym) {
        return contacts.pseudonymiseCustomer(customerId, pseudonym)
                .chain(() -> exposures.pseudonymiseCustomer(customerId, pseudonym))
                .chain(() -> tiers.deleteCustomer(customerId))
                .chain(() -> tiers.deleteHistory(customerId))
                .replaceWithVoid();
    }

    // Whole milliseconds, well within what PostgreSQL stores: ce_time read back from the outbox equals completedAt.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
