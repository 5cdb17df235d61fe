package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.service.ErasureService;
import io.cxvalue.scoring.service.ErasureService.Outcome;
import io.cxvalue.scoring.service.EventOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies the erasure requests of {@code cx.erasures}: the customer's data is deleted and an
 * {@code ErasureCompleted} confirmation is stored in the outbox, in one transaction; the outbox relay is then woken
 * to publish it. The confirmations of other services on the same topic are valid events of another type: skipped.
 * <p>
 * Failures are handled by {@link ConsumedEvents}, as for every topic: a record that contracts' {@link EventReader} rejects is
 * failed at once and dead-lettered to {@code cx.erasures.dlq.scoring-service} with the reason; a valid request whose
 * transaction fails is retried with back-off, in a new transaction each time, and dead-lettered only when the retries
 * are exhausted (it can be replayed from there).
 */
@ApplicationScoped
// Created at start rather than on the first record, so that its meters are exported (at zero) from the beginning.
@Startup
public class ErasureConsumer {

    private final ErasureService erasures;
    private final OutboxRelay relay;
    private final ConsumedEvents events;

    public ErasureConsumer(ErasureService erasures, OutboxRelay relay, ScoringConfig config, MeterRegistry registry) {
        this.erasures = erasures;
        this.relay = relay;
        this.events = new ConsumedEvents(Topics.ERASURES, ErasureConsumer.class, config, registry);
    }

    /** Other services' ErasureCompleted events on the topic are valid and ignored. */
    @Incoming("erasures")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return events.consume(record, r -> EventReader.read(r, ErasureRequested.class),
                received -> erasures.erase(received.eventId(), received.event()).map(outcome -> {
                    if (outcome == Outcome.ERASED) {
                        // Committed: publish the confirmation now rather than at the next poll.
                        relay.wake();
                        return EventOutcome.APPLIED;
                    }
                    return EventOutcome.DUPLICATE;
                }));
    }
}
