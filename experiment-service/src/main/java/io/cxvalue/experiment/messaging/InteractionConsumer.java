package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.experiment.ObservationResult;
import io.cxvalue.experiment.VariantContact;
import io.cxvalue.experiment.service.ContactObservationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Locale;
import java.util.Optional;

/**
 * Consumes {@code cx.interactions} for compliance: a contact handled under a variant becomes an observation of that
 * variant ({@link ContactObservationService}). Exposures and outcomes are the batch path's ({@link OutcomeConsumer}).
 * Rejected records go to {@code cx.interactions.dlq.experiment-service} ({@link ConsumedEvents}).
 */
@ApplicationScoped
public class InteractionConsumer {

    private final ContactObservationService observations;
    private final ConsumedEvents events;

    public InteractionConsumer(ContactObservationService observations, ConsumedEvents events) {
        this.observations = observations;
        this.events = events;
    }

    @Incoming("interactions")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return events.consume("interactions", record, InteractionRecorded.class,
                event -> {
                    // A contact reported under no variant has nothing to record: no transaction at all.
                    Optional<VariantContact> contact = VariantContact.observedIn(event.eventId(), event.event());
                    return contact.isEmpty()
                            ? Uni.createFrom().item(ObservationResult.NOT_IN_EXPERIMENT)
                            : observations.observe(event.eventId(), contact);
                },
                observation -> observation.name().toLowerCase(Locale.ROOT),
                observation -> { });
    }
}
