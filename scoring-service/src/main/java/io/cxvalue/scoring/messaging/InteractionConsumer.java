package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.service.ContactSummaryService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies {@code cx.interactions} to the contact log and the contact summaries. Malformed records are dead-lettered
 * to {@code cx.interactions.dlq.scoring-service}, store failures retried with back-off ({@link ConsumedEvents}).
 */
@ApplicationScoped
// Created at start rather than on the first record, so that its meters are exported (at zero) from the beginning.
@Startup
public class InteractionConsumer {

    private final ContactSummaryService contacts;
    private final ConsumedEvents events;

    public InteractionConsumer(ContactSummaryService contacts, ScoringConfig config, MeterRegistry registry) {
        this.contacts = contacts;
        this.events = new ConsumedEvents(Topics.INTERACTIONS, InteractionConsumer.class, config, registry);
    }

    @Incoming("interactions")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return events.consume(record, r -> EventReader.read(r, InteractionRecorded.class),
                received -> contacts.recordInteraction(received.eventId(), record.topic(), received.event()));
    }
}
