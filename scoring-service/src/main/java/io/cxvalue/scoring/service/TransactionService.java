package io.cxvalue.scoring.service;

import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.consumer.PollConsumer.Applied;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.scoring.CustomerTransaction;
import io.cxvalue.scoring.repository.ConsumedStateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each customer's purchases, cancellations and refunds from cx.transactions, once per event. They are stored as
 * reported; the netting into transaction days happens when the days are read ({@link CustomerStateService}), so
 * that a cancellation arriving before its purchase, or a late one, is still applied correctly.
 */
@ApplicationScoped
public class TransactionService {

    private final ConsumedBatches batches;
    private final ConsumedStateRepository state;

    public TransactionService(ConsumedBatches batches, ConsumedStateRepository state) {
        this.batches = batches;
        this.state = state;
    }

    /**
     * Records a poll of transactions in one transaction, exactly once per event: each under its customer (the
     * survivor, when merged); another report of a known transaction (same transaction id, new event id) replaces it.
     */
    public Uni<Applied> recordTransactions(String topic, List<ReceivedEvent<TransactionRecorded>> events) {
        return batches.applyOnce(topic, events, TransactionRecorded::customerId, (connection, fresh, survivors) -> {
            Map<String, CustomerTransaction> latest = new LinkedHashMap<>();
            for (TransactionRecorded transaction : fresh) {
                latest.put(transaction.transactionId(),
                        CustomerTransaction.of(transaction, survivors.get(transaction.customerId())));
            }
            return state.upsertTransactions(connection, latest.values());
        });
    }
}
