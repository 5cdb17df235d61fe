package io.cxvalue.reporting.service;

import io.cxvalue.reporting.ContactFact;
import io.cxvalue.reporting.repository.ContactFactRepository;
import io.cxvalue.reporting.repository.ErasureRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Applies interaction events to the reporting store.
 * <p>
 * Idempotency without transactions: the fact, keyed by interaction id and carrying the applying event's id, is
 * written by one single-document insert, so "counted" and "event applied" cannot diverge. A second insert for the
 * same interaction fails on the key and changes nothing.
 * <p>
 * Erased customers: a fact of a customer that was erased before (an interaction event arriving late) is stored under
 * the erasure's pseudonym, so it does not bring the customer id back (see {@link ErasureService}).
 */
@ApplicationScoped
public class ContactFactService {

    private static final Logger LOG = Logger.getLogger(ContactFactService.class);

    private final ContactFactRepository facts;
    private final ErasureRepository erasures;

    ContactFactService(ContactFactRepository facts, ErasureRepository erasures) {
        this.facts = facts;
        this.erasures = erasures;
    }

    /**
     * Records {@code fact} once; a repeat is reported as {@link RecordOutcome#DUPLICATE} and ignored. A fact of an
     * erased customer is recorded under the erasure's pseudonym.
     */
    public Uni<RecordOutcome> record(ContactFact fact) {
        String customerId = fact.customerId();
        return erasures.pseudonymOf(customerId)
                .chain(erasedBefore -> facts.insertIfAbsent(erasedBefore.map(fact::withCustomerId).orElse(fact))
                        .call(() -> erasedBefore.isPresent()
                                ? Uni.createFrom().voidItem()
                                : pseudonymiseIfErasedMeanwhile(customerId)))
                .map(stored -> stored ? RecordOutcome.RECORDED : RecordOutcome.DUPLICATE)
                .invoke(outcome -> {
                    if (outcome == RecordOutcome.DUPLICATE) {
                        LOG.debugf("Interaction %s is already recorded; event %s ignored",
                                fact.interactionId(), fact.eventId());
                    }
                });
    }

    /**
     * Closes the race with an erasure running at the same time on the other topic: if the erasure document appeared
     * between the lookup and the insert, its own sweeps may have missed this fact. Checking again after the insert
     * means that either this check sees the erasure, or the erasure's final sweep (which follows its document's
     * insert) sees the fact. Also runs for a duplicate, which repairs a crash between the insert and this check.
     */
    private Uni<Void> pseudonymiseIfErasedMeanwhile(String customerId) {
        return erasures.pseudonymOf(customerId)
                .chain(erased -> erased.map(pseudonym -> facts.pseudonymise(customerId, pseudonym).replaceWithVoid())
                        .orElseGet(() -> Uni.createFrom().voidItem()));
    }
}
