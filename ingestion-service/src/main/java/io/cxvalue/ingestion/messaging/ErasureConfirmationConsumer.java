package io.cxvalue.ingestion.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.ingestion.service.ErasureService;
import io.cxvalue.support.consumer.PollConsumers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Collects the services' {@code ErasureCompleted} confirmations from {@code cx.erasures}, a poll at a time on the
 * shared skeleton ({@link PollConsumer}, consumer group {@code ingestion-service}): the poll's confirmations in one
 * bulk write. Other events of the topic (the requests themselves) are skipped; a malformed record is parked on
 * {@code cx.erasures.dlq.ingestion-service}. Recording a confirmation is idempotent, so a redelivery changes nothing.
 */
@ApplicationScoped
public class ErasureConfirmationConsumer {

    private final ErasureService erasures;
    private final PollConsumer poll;

    public ErasureConfirmationConsumer(ErasureService erasures, PollConsumers consumers) {
        this.erasures = erasures;
        this.poll = consumers.of(ErasureConfirmationConsumer.class, List.of(Topics.ERASURES));
    }

    @Incoming("erasures")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return poll.consume(records, record -> EventReader.read(record, ErasureCompleted.class), events -> erasures
                .confirmAll(events.stream().map(ReceivedEvent::event).toList())
                .map(fresh -> new PollConsumer.Applied(fresh, events.size() - fresh)));
    }
}
