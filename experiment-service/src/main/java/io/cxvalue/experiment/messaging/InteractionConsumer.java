package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.experiment.ObservationResult;
import io.cxvalue.experiment.VariantContact;
import io.cxvalue.experiment.service.ContactObservationService;
import io.cxvalue.support.consumer.PollConsumers;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Consumes {@code cx.interactions} for compliance, a poll at a time on the shared skeleton ({@link PollConsumer}): a
 * contact handled under a variant becomes an observation of that variant ({@link ContactObservationService}), the
 * poll's in one transaction; a contact under no variant is skipped without touching the store. Exposures and
 * outcomes are the batch path's ({@link OutcomeConsumer}). Rejected records go to
 * {@code cx.interactions.dlq.experiment-service}.
 */
@ApplicationScoped
// Created at start rather than on the first poll, so that its meters are exported (at zero) from the beginning.
@Startup
public class InteractionConsumer {

    private final ContactObservationService observations;
    private final PollConsumer poll;

    public InteractionConsumer(ContactObservationService observations, PollConsumers consumers) {
        this.observations = observations;
        this.poll = consumers.onVertxContext(InteractionConsumer.class, List.of(Topics.INTERACTIONS));
    }

    /** One poll: its contacts under a variant observed in one transaction. */
    @Incoming("interactions")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return poll.consume(records, InteractionConsumer::underAVariant, events -> {
            List<String> eventIds = new ArrayList<>(events.size());
            List<VariantContact> contacts = new ArrayList<>(events.size());
            for (ReceivedEvent<InteractionRecorded> event : events) {
                eventIds.add(event.eventId());
                contacts.add(VariantContact.observedIn(event.eventId(), event.event()).orElseThrow());
            }
            return observations.observeAll(eventIds, contacts).map(results -> {
                int recorded = (int) results.stream().filter(r -> r == ObservationResult.RECORDED).count();
                return new PollConsumer.Applied(recorded, results.size() - recorded);
            });
        });
    }

    /** The event when its contact was handled under a variant; a contact under none has nothing to record here. */
    private static Optional<ReceivedEvent<InteractionRecorded>> underAVariant(ConsumerRecord<String, String> record) {
        return EventReader.read(record, InteractionRecorded.class)
                .filter(event -> VariantContact.observedIn(event.eventId(), event.event()).isPresent());
    }
}
