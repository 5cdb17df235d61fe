package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.experiment.service.CustomerTierService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code cx.scores} as consumer group experiment-service: each customer's value tier (experiments may be
 * limited to tiers; results are broken down by tier). Malformed records, and events whose store failures outlast the
 * retries, go to {@code cx.scores.dlq.experiment-service}.
 */
@ApplicationScoped
public class ScoreConsumer {

    private final CustomerTierService tiers;
    private final ConsumedEvents events;

    public ScoreConsumer(CustomerTierService tiers, ConsumedEvents events) {
        this.tiers = tiers;
        this.events = events;
    }

    @Incoming("scores")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return events.consume(record, CustomerScored.class,
                event -> tiers.scored(event.eventId(), event.event()),
                applied -> applied ? "applied" : "duplicate", applied -> { });
    }
}
