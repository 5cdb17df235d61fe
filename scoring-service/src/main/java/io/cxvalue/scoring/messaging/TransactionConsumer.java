package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.scoring.service.TransactionService;
import io.cxvalue.support.consumer.PollConsumers;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Applies {@code cx.transactions} (purchases, cancellations, refunds) to the customers' transaction history.
 * Malformed records are dead-lettered to {@code cx.transactions.dlq.scoring-service}, store failures retried with
 * back-off ({@link PollConsumer}).
 */
@ApplicationScoped
// Created at start rather than on the first poll, so that its meters are exported (at zero) from the beginning.
@Startup
public class TransactionConsumer {

    private final TransactionService transactions;
    private final PollConsumer poll;

    public TransactionConsumer(TransactionService transactions, PollConsumers consumers) {
        this.transactions = transactions;
        this.poll = consumers.onVertxContext(TransactionConsumer.class, List.of(Topics.TRANSACTIONS));
    }

    /** One poll, applied in one transaction. */
    @Incoming("transactions")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return poll.consume(records, record -> EventReader.read(record, TransactionRecorded.class),
                events -> transactions.recordTransactions(Topics.TRANSACTIONS, events));
    }
}
