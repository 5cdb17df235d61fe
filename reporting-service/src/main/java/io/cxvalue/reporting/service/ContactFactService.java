package io.cxvalue.reporting.service;

import io.cxvalue.reporting.ContactFact;
import io.cxvalue.reporting.repository.ContactFactRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Applies interaction events to the reporting store.
 * <p>
 * Idempotency without transactions: the fact, keyed by interaction id and carrying the applying event's id, is
 * written by one single-document insert, so "counted" and "event applied" cannot diverge. A second insert for the
 * same interaction fails on the key and changes nothing.
 */
@ApplicationScoped
public class ContactFactService {

    private static final Logger LOG = Logger.getLogger(ContactFactService.class);

    private final ContactFactRepository facts;

    ContactFactService(ContactFactRepository facts) {
        this.facts = facts;
    }

    /** Records {@code fact} once; a repeat is reported as {@link RecordOutcome#DUPLICATE} and ignored. */
    public Uni<RecordOutcome> record(ContactFact fact) {
        return facts.insertIfAbsent(fact)
                .map(stored -> stored ? RecordOutcome.RECORDED : RecordOutcome.DUPLICATE)
                .invoke(outcome -> {
                    if (outcome == RecordOutcome.DUPLICATE) {
                        LOG.debugf("Interaction %s is already recorded; event %s ignored",
                                fact.interactionId(), fact.eventId());
                    }
                });
    }
}
