package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.experiment.service.CustomerTierService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Consumes {@code cx.scores} as consumer group experiment-service: each customer's value tier (experiments may be
 * limited to tiers; results are broken down by tier). Malformed records and events whose store failures outlast the
 * retries go to {@code cx.scores.dlq.experiment-service}.
 */
@ApplicationScoped
public class ScoreConsumer {

    private static final Logger LOG = Logger.getLogger(ScoreConsumer.class);

    private final CustomerTierService tiers;
    private final StoreRetry storeRetry;
    private final MeterRegistry registry;

    public ScoreConsumer(CustomerTierService tiers, StoreRetry storeRetry, MeterRegistry registry) {
        this.tiers = tiers;
        this.storeRetry = storeRetry;
        this.registry = registry;
    }

    @Incoming("scores")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Optional<ReceivedEvent<CustomerScored>> read;
        try {
            read = EventReader.read(record, CustomerScored.class);
        } catch (MalformedEventException e) {
            LOG.warnf("Dead-lettering record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            count("rejected");
            return Uni.createFrom().failure(e);
        }
        if (read.isEmpty()) {
            count("ignored");
            return Uni.createFrom().voidItem();
        }
        ReceivedEvent<CustomerScored> event = read.get();
        return storeRetry.apply(event.eventId(), () -> tiers.scored(event.eventId(), event.event()))
                .invoke(applied -> count(applied ? "applied" : "duplicate_event"))
                .onFailure().invoke(failure -> {
                    LOG.errorf("Dead-lettering event %s from %s-%d@%d: %s", event.eventId(), record.topic(),
                            record.partition(), record.offset(), failure.getMessage());
                    count("failed");
                })
                .replaceWithVoid();
    }

    private void count(String outcome) {
        registry.counter("cx.experiment.events.consumed", "channel", "scores", "outcome", outcome).increment();
    }
}
