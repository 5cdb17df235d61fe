package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.service.TransactionService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies {@code cx.transactions} (purchases, cancellations, refunds) to the customers' transaction history.
 * Malformed records are dead-lettered to {@code cx.transactions.dlq.scoring-service}, store failures retried with
 * back-off ({@link ConsumedEvents}).
 */
@ApplicationScoped
@Startup
public class TransactionConsumer {

    private final TransactionService transactions;
    private final ConsumedEvents events;

    public TransactionConsumer(TransactionService transactions, ScoringConfig config, MeterRegistry registry) {
        this.transactions = transactions;
        this.events = new ConsumedEvents(Topics.TRANSACTIONS, TransactionConsumer.class, config, registry);
    }

    @Incoming("transactions")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return events.consume(record, r -> EventReader.read(r, TransactionRecorded.class),
                received -> transactions.recordTransaction(received.eventId(), record.topic(), received.event()));
    }
}
