package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.experiment.ObservationResult;
import io.cxvalue.experiment.VariantContact;
import io.cxvalue.experiment.service.ContactObservationService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Optional;

/**
 * Consumes {@code cx.interactions}: every contact handled under an experiment variant becomes an observation of
 * that variant. A record that contracts' {@link EventReader} rejects fails its message, and the channel's
 * dead-letter-queue failure strategy parks it on {@code cx.interactions.dlq.experiment-service} with the reason; the
 * consumer goes on.
 */
@ApplicationScoped
public class InteractionConsumer {

    private static final Logger LOG = Logger.getLogger(InteractionConsumer.class);

    private final ContactObservationService observations;
    private final StoreRetry storeRetry;
    private final OutboxRelay relay;
    private final MeterRegistry registry;

    public InteractionConsumer(ContactObservationService observations, StoreRetry storeRetry, OutboxRelay relay,
            MeterRegistry registry) {
        this.observations = observations;
        this.storeRetry = storeRetry;
        this.relay = relay;
        this.registry = registry;
    }

    @Incoming("interactions")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Optional<ReceivedEvent<InteractionRecorded>> read;
        try {
            read = EventReader.read(record, InteractionRecorded.class);
        } catch (MalformedEventException e) {
            LOG.warnf("Dead-lettering record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            count("rejected");
            return Uni.createFrom().failure(e);
        }
        if (read.isEmpty()) {
            // A type of this topic that experiments do not observe.
            count("ignored");
            return Uni.createFrom().voidItem();
        }
        ReceivedEvent<InteractionRecorded> event = read.get();
        Optional<VariantContact> contact = VariantContact.observedIn(event.eventId(), event.event());
        return storeRetry.apply(event.eventId(), () -> observations.observe(event.eventId(), event.event(), contact))
                .invoke(observation -> {
                    count(observation.result());
                    if (observation.newExposures() > 0) {
                        // Committed with its assignments in the outbox: publish them now, not at the next poll.
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


    private void count(ObservationResult result) {
        count(result.name().toLowerCase(Locale.ROOT));
    }

    private void count(String outcome) {
        registry.counter("cx.experiment.events.consumed", "channel", "interactions", "outcome", outcome).increment();
    }
}
