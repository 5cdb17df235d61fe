package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.scoring.service.ContactSummaryService;
import io.cxvalue.support.consumer.PollConsumers;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Applies {@code cx.interactions} to the contact log and the contact summaries. Malformed records are dead-lettered
 * to {@code cx.interactions.dlq.scoring-service}, store failures retried with back-off
 * ({@link PollConsumer}).
 */
@ApplicationScoped
// Created at start rather than on the first poll, so that its meters are exported (at zero) from the beginning.
@Startup
public class InteractionConsumer {

    private final ContactSummaryService contacts;
    private final PollConsumer poll;

    public InteractionConsumer(ContactSummaryService contacts, PollConsumers consumers) {
        this.contacts = contacts;
        this.poll = consumers.onVertxContext(InteractionConsumer.class, List.of(Topics.INTERACTIONS));
    }

    /** One poll, applied in one transaction. */
    @Incoming("interactions")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return poll.consume(records, record -> EventReader.read(record, InteractionRecorded.class),
                events -> contacts.recordInteractions(Topics.INTERACTIONS, events));
    }
}
