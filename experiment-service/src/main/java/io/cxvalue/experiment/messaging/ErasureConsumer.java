package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.experiment.service.ErasureService;
import io.cxvalue.experiment.service.ErasureService.Outcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Locale;

/**
 * Consumes {@code cx.erasures}: an erasure request anonymises the customer's observations and stores an
 * {@code ErasureCompleted} confirmation in the outbox in one transaction; the outbox relay is then woken to publish
 * it. The confirmations of other services on the same topic are valid events of another type and are skipped.
 * Rejected records and events whose store failures outlast the retries go to
 * {@code cx.erasures.dlq.experiment-service} ({@link ConsumedEvents}).
 */
@ApplicationScoped
public class ErasureConsumer {

    private final ErasureService erasures;
    private final OutboxRelay relay;
    private final ConsumedEvents events;

    public ErasureConsumer(ErasureService erasures, OutboxRelay relay, ConsumedEvents events) {
        this.erasures = erasures;
        this.relay = relay;
        this.events = events;
    }

    @Incoming("erasures")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        // Another service's ErasureCompleted is a type this consumer does not read: skipped.
        return events.consume(record, ErasureRequested.class,
                event -> erasures.erase(event.eventId(), event.event()),
                outcome -> outcome.name().toLowerCase(Locale.ROOT),
                outcome -> {
                    if (outcome == Outcome.ERASED) {
                        // Committed: publish the confirmation now rather than at the next poll.
                        relay.wake();
                    }
                });
    }
}
