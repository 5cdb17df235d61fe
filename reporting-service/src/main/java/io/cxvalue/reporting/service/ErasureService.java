package io.cxvalue.reporting.service;

import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.reporting.Erasure;
import io.cxvalue.reporting.repository.ContactRepository;
import io.cxvalue.reporting.repository.ErasureRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Applies erasure requests to the reporting store and queues the confirmation.
 * <p>
 * Reporting holds no personal data, but every contact fact carries the customer id, which links it to the person.
 * Erasure therefore <em>anonymises</em> rather than deletes: the customer id of each of the customer's facts is
 * replaced by an irreversible pseudonym ({@link Erasure#pseudonymOf}, built from the random erasure id, never from
 * the customer id). The facts themselves are not personal data once unlinked, and keeping them keeps every report
 * right: team totals and handle times do not change, and distinct-customer counts still count the erased customer
 * once, since all its facts share one pseudonym.
 * <p>
 * Without multi-document transactions, the steps are ordered so that each is safe to repeat and a crash anywhere
 * is repaired by the redelivery of the request:
 * <ol>
 *   <li>pseudonymise the facts ({@code updateMany}, idempotent);</li>
 *   <li>insert the erasure document with {@code _id} = erasure id and the pending ErasureCompleted event embedded:
 *       one atomic write records the erasure and queues its confirmation (the outbox); a redelivery finds the
 *       document and adds nothing, so the confirmation is queued once;</li>
 *   <li>pseudonymise again: catches a fact of the customer stored concurrently by the interaction consumer between
 *       steps 1 and 2, before it could see the erasure document (see {@link KpiUpdateService#apply}).</li>
 * </ol>
 * A crash between 1 and 2 leaves the facts anonymised and no confirmation: the redelivered request repeats 1 and does
 * 2. The confirmation is only ever queued after the facts were anonymised.
 */
@ApplicationScoped
public class ErasureService {

    /** The {@code service} reporting names in its ErasureCompleted events. */
    public static final String SERVICE = "reporting-service";

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final ContactRepository facts;
    private final ErasureRepository erasures;

    ErasureService(ContactRepository facts, ErasureRepository erasures) {
        this.facts = facts;
        this.erasures = erasures;
    }

    /** Applies {@code request}, read from the event {@code requestEventId}; safe to call again with the same one. */
    public Uni<ErasureOutcome> erase(String requestEventId, ErasureRequested request) {
        String customerId = request.customerId();
        // A customer erased before keeps the first erasure's pseudonym, so a repeated request does not split the
        // customer's facts between two pseudonyms (which would count one customer twice).
        return erasures.pseudonymOf(customerId)
                .map(earlier -> earlier.orElseGet(() -> Erasure.pseudonymOf(request.erasureId())))
                .chain(pseudonym -> facts.pseudonymise(customerId, pseudonym)
                        .chain(() -> erasures.insertIfAbsent(erasure(requestEventId, request, pseudonym)))
                        .call(() -> facts.pseudonymise(customerId, pseudonym)))
                .map(stored -> stored ? ErasureOutcome.ERASED : ErasureOutcome.DUPLICATE)
                .invoke(outcome -> {
                    if (outcome == ErasureOutcome.DUPLICATE) {
                        LOG.debugf("Erasure %s is already recorded; event %s ignored", request.erasureId(),
                                requestEventId);
                    }
                });
    }

    private static Erasure erasure(String requestEventId, ErasureRequested request, String pseudonym) {
        Instant completedAt = Instant.now();
        ErasureCompleted completed = new ErasureCompleted(request.erasureId(), request.customerId(), SERVICE,
                completedAt);
        // One event per erasure document: the sequence only orders the relay's reads (microseconds since the epoch).
        long sequence = ChronoUnit.MICROS.between(Instant.EPOCH, completedAt);
        return new Erasure(request.erasureId(), request.customerId(), pseudonym, requestEventId, completedAt,
                OutboxEvent.of(completed, completedAt, sequence));
    }
}
