package io.cxvalue.scoring.service;

import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.scoring.repository.ContactLogRepository;
import io.cxvalue.scoring.repository.CustomerAliasRepository;
import io.cxvalue.scoring.repository.CustomerContactSummaryRepository;
import io.cxvalue.scoring.repository.CustomerIdentityRepository;
import io.cxvalue.scoring.repository.CustomerRepository;
import io.cxvalue.scoring.repository.CustomerTransactionRepository;
import io.cxvalue.scoring.repository.CustomerScoreRepository;
import io.cxvalue.scoring.repository.OutboxRepository;
import io.cxvalue.scoring.repository.ProcessedEventRepository;
import io.cxvalue.scoring.repository.SurveyResponseRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Erases a customer's data on request (GDPR right to erasure) and confirms it with an {@link ErasureCompleted} event,
 * exactly once per request event.
 */
@ApplicationScoped
public class ErasureService {

    /** The {@code service} this service names itself by in its confirmations. */
    public static final String SERVICE = "scoring-service";

    /** What handling an erasure request did. */
    public enum Outcome {
        /** The customer's data was deleted and the confirmation stored in the outbox. */
        ERASED,
        /** The request event was handled before (a redelivery); nothing changed. */
        DUPLICATE
    }

    private final CustomerContactSummaryRepository summaries;
    private final CustomerRepository customers;
    private final CustomerIdentityRepository identities;
    private final CustomerAliasRepository aliases;
    private final ContactLogRepository contactLog;
    private final SurveyResponseRepository surveys;
    private final CustomerTransactionRepository transactions;
    private final ProcessedEventRepository processedEvents;
    private final OutboxRepository outbox;
    private final CustomerScoreRepository scores;

    public ErasureService(CustomerContactSummaryRepository summaries, CustomerRepository customers,
            CustomerIdentityRepository identities, CustomerAliasRepository aliases, ContactLogRepository contactLog,
            SurveyResponseRepository surveys, CustomerTransactionRepository transactions,
            ProcessedEventRepository processedEvents, OutboxRepository outbox, CustomerScoreRepository scores) {
        this.summaries = summaries;
        this.customers = customers;
        this.identities = identities;
        this.aliases = aliases;
        this.contactLog = contactLog;
        this.surveys = surveys;
        this.transactions = transactions;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.scores = scores;
    }

    /**
     * Deletes every row scoring keeps about the customer (the contact summary and its per-channel rows, the customer
     * row, identity keys, contact log, survey responses, transactions and aliases) and, in the same transaction,
     * records the event id and stores the confirmation in the outbox: the confirmation is published if and only if
     * the erasure committed. A customer with no data still gets a confirmation.
     * <p>
     * When the customer was merged into another, its data lives under the survivor (the same person), so the
     * survivor's data is erased; the confirmation names the customer id of the request.
     */
    @WithTransaction
    public Uni<Outcome> erase(String eventId, ErasureRequested request) {
        return processedEvents.isProcessed(eventId).chain(processed -> processed
                ? Uni.createFrom().item(Outcome.DUPLICATE)
                : processedEvents.markProcessed(eventId, Topics.ERASURES)
                        .chain(() -> aliases.lockAndResolve(request.customerId()))
                        .chain(customerId -> eraseRows(customerId)
                                .chain(() -> aliases.deleteCustomer(request.customerId())))
                        .chain(() -> {
                            Instant now = now();
                            return outbox.add(new ErasureCompleted(request.erasureId(), request.customerId(),
                                    SERVICE, now), now);
                        })
                        .replaceWith(Outcome.ERASED));
    }

    private Uni<Void> eraseRows(String customerId) {
        return summaries.deleteCustomer(customerId)
                .chain(() -> customers.delete("customerId", customerId))
                .chain(() -> identities.delete("customerId", customerId))
                .chain(() -> contactLog.delete("customerId", customerId))
                .chain(() -> surveys.delete("customerId", customerId))
                .chain(() -> transactions.delete("customerId", customerId))
                .chain(() -> scores.deleteCustomer(customerId))
                .chain(() -> aliases.deleteCustomer(customerId))
                .replaceWithVoid();
    }

    // Whole milliseconds, well within what PostgreSQL stores: ce_time read back from the outbox equals completedAt.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
