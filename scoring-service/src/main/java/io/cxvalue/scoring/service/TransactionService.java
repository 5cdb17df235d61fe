package io.cxvalue.scoring.service;

import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.consumer.PollConsumer.Applied;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.scoring.CustomerTransaction;
import io.cxvalue.scoring.repository.ConsumedStateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

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
        return batches.applyOnce(topic, events, TransactionRecorded::customerId, (connection, fresh, survivors) ->
                state.upsertTransactions(connection, ConsumedBatches.latestById(fresh,
                        TransactionRecorded::transactionId,
                        t -> CustomerTransaction.of(t, survivors.get(t.customerId())))));
    }
}
