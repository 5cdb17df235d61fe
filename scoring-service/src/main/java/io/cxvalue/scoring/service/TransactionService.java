package io.cxvalue.scoring.service;

import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.scoring.CustomerTransaction;
import io.cxvalue.scoring.repository.CustomerAliasRepository;
import io.cxvalue.scoring.repository.CustomerTransactionRepository;
import io.cxvalue.scoring.repository.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps each customer's purchases, cancellations and refunds from cx.transactions, once per event. They are stored as
 * reported; the netting into transaction days happens when the days are read ({@link CustomerStateService}), so
 * that a cancellation arriving before its purchase, or a late one, is still applied correctly.
 */
@ApplicationScoped
public class TransactionService {

    private final CustomerTransactionRepository transactions;
    private final CustomerAliasRepository aliases;
    private final ProcessedEventRepository processedEvents;

    public TransactionService(CustomerTransactionRepository transactions, CustomerAliasRepository aliases,
            ProcessedEventRepository processedEvents) {
        this.transactions = transactions;
        this.aliases = aliases;
        this.processedEvents = processedEvents;
    }

    /**
     * Stores the transaction under its customer (the survivor, when merged) and records the event id, in one
     * transaction. Another report of a known transaction (same transaction id, new event id) replaces it.
     */
    @WithTransaction
    public Uni<EventOutcome> recordTransaction(String eventId, String topic, TransactionRecorded transaction) {
        return processedEvents.applyOnce(eventId, topic, () -> aliases.lockAndResolve(transaction.customerId())
                .chain(customerId -> transactions.findById(transaction.transactionId())
                        .chain(known -> {
                            if (known != null) {
                                known.update(transaction, customerId);
                                return Uni.createFrom().voidItem();
                            }
                            return transactions.persist(CustomerTransaction.of(transaction, customerId))
                                    .replaceWithVoid();
                        })));
    }
}
