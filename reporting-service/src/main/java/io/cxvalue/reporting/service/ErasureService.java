package io.cxvalue.reporting.service;

import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.reporting.Erasure;
import io.cxvalue.reporting.repository.CommentRepository;
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
 * Reporting holds no personal data but the terms of the customer's texts (for the voice of the customer), and every
 * contact fact carries the customer id, which links it to the person. Erasure drops the terms and <em>anonymises</em>
 * the facts rather than deleting them: the customer id of each fact is replaced by a random pseudonym. The facts are
 * not personal data once unlinked, and keeping them keeps every report right: team totals and handle times do not
 * change, and distinct-customer counts still count the erased customer once, since all their facts share one
 * pseudonym. Nothing in the store links the pseudonym back: the erased customer is kept only under a keyed hash of
 * the id, so that a late fact of theirs gets the pseudonym too ({@link KpiUpdateService#apply}).
 * <p>
 * Without multi-document transactions, the steps are ordered so that each is safe to repeat and a crash anywhere
 * is repaired by the redelivery of the request:
 * <ol>
 *   <li>record the customer as erased (an upsert that keeps the first pseudonym);</li>
 *   <li>pseudonymise the facts and drop the terms ({@code updateMany}s, idempotent);</li>
 *   <li>insert the erasure document with {@code _id} = erasure id and the pending ErasureCompleted event embedded:
 *       one atomic write records the erasure and queues its confirmation (the outbox); a redelivery finds the
 *       document and adds nothing, so the confirmation is queued once.</li>
 * </ol>
 * The interaction consumer looks for erased customers again after its writes: either it sees step 1 and files its
 * facts under the pseudonym itself, or its writes came before step 1, and so before step 2 sees them. The confirmation
 * is only ever queued after the facts were anonymised.
 */
@ApplicationScoped
public class ErasureService {

    /** The {@code service} reporting names in its ErasureCompleted events. */
    public static final String SERVICE = "reporting-service";

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final ContactRepository facts;
    private final CommentRepository comments;
    private final ErasureRepository erasures;

    ErasureService(ContactRepository facts, CommentRepository comments, ErasureRepository erasures) {
        this.facts = facts;
        this.comments = comments;
        this.erasures = erasures;
    }

    /** Applies {@code request}, read from the event {@code requestEventId}; safe to call again with the same one. */
    public Uni<ErasureOutcome> erase(String requestEventId, ErasureRequested request) {
        String customerId = request.customerId();
        return erasures.erasedCustomer(customerId)
                .chain(pseudonym -> eraseFacts(customerId, pseudonym))
                .chain(() -> erasures.insertIfAbsent(erasure(requestEventId, request)))
                .map(stored -> stored ? ErasureOutcome.ERASED : ErasureOutcome.DUPLICATE)
                .invoke(outcome -> {
                    if (outcome == ErasureOutcome.DUPLICATE) {
                        LOG.debugf("Erasure %s is already recorded; event %s ignored", request.erasureId(),
                                requestEventId);
                    }
                });
    }

    /** Files the customer's facts under {@code pseudonym} and drops the terms of their texts. */
    public Uni<Void> eraseFacts(String customerId, String pseudonym) {
        return facts.pseudonymise(customerId, pseudonym).chain(comments::forget);
    }

    private static Erasure erasure(String requestEventId, ErasureRequested request) {
        Instant completedAt = Instant.now();
        ErasureCompleted completed = new ErasureCompleted(request.erasureId(), request.customerId(), SERVICE,
                completedAt);
        // One event per erasure document: the sequence only orders the relay's reads (microseconds since the epoch).
        long sequence = ChronoUnit.MICROS.between(Instant.EPOCH, completedAt);
        return new Erasure(request.erasureId(), requestEventId, completedAt,
                OutboxEvent.of(completed, completedAt, sequence));
    }
}
