package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.experiment.service.ErasureService;
import io.cxvalue.experiment.service.ErasureService.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Optional;

/**
 * Consumes {@code cx.erasures}: an erasure request anonymises the customer's observations and stores an
 * {@code ErasureCompleted} confirmation in the outbox in one transaction; the outbox relay is then woken to publish
 * it. The confirmations of other services on the same topic are valid events of another type and are skipped.
 * As in {@link InteractionConsumer}, a record that contracts' {@link EventReader} rejects fails its message and is
 * parked on {@code cx.erasures.dlq.experiment-service} with the reason; a store failure is retried by
 * {@link StoreRetry} before the event is dead-lettered.
 */
@ApplicationScoped
public class ErasureConsumer {

    private static final Logger LOG = Logger.getLogger(ErasureConsumer.class);

    private final ErasureService erasures;
    private final OutboxRelay relay;
    private final StoreRetry storeRetry;
    private final MeterRegistry registry;

    public ErasureConsumer(ErasureService erasures, OutboxRelay relay, StoreRetry storeRetry,
            MeterRegistry registry) {
        this.erasures = erasures;
        this.relay = relay;
        this.storeRetry = storeRetry;
        this.registry = registry;
    }

    @Incoming("erasures")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Optional<ReceivedEvent<ErasureRequested>> read;
        try {
            read = EventReader.read(record, ErasureRequested.class);
        } catch (MalformedEventException e) {
            LOG.warnf("Dead-lettering record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            count("rejected");
            return Uni.createFrom().failure(e);
        }
        if (read.isEmpty()) {
            // Another service's ErasureCompleted: nothing for experiments to do.
            count("ignored");
            return Uni.createFrom().voidItem();
        }
        ReceivedEvent<ErasureRequested> event = read.get();
        return storeRetry.apply(event.eventId(), () -> erasures.erase(event.eventId(), event.event()))
                .invoke(outcome -> {
                    count(outcome.name().toLowerCase(Locale.ROOT));
                    if (outcome == Outcome.ERASED) {
                        // Committed: publish the confirmation now rather than at the next poll.
                        relay.wake();
                    }
                })
                .onFailure().invoke(failure -> {
                    LOG.errorf("Dead-lettering event %s from %s-%d@%d: %s", event.eventId(), record.topic(),
                            record.partition(), record.offset(), failure.getMessage());
                    count("failed");
                })
                .replaceWithVoid();
    }

    private void count(String outcome) {
        registry.counter("cx.experiment.events.consumed", "channel", "erasures", "outcome", outcome).increment();
    }
}
