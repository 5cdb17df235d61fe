package io.cxvalue.ingestion.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.ingestion.service.ErasureService;
import io.cxvalue.support.consumer.ConsumerRetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Collects the services' {@code ErasureCompleted} confirmations from {@code cx.erasures}, a poll at a time on the
 * shared skeleton ({@link PollConsumer}, consumer group {@value #GROUP}): the poll's confirmations in one bulk write.
 * Other events of the topic (the requests themselves) are skipped; a malformed record is parked on
 * {@code cx.erasures.dlq.ingestion-service}. Recording a confirmation is idempotent, so a redelivery changes nothing.
 */
@ApplicationScoped
public class ErasureConfirmationConsumer {

    static final String GROUP = "ingestion-service";
    private static final String SERVICE = "ingestion-service";

    private final ErasureService erasures;
    private final PollConsumer poll;

    public ErasureConfirmationConsumer(ErasureService erasures, ConsumerRetryConfig retry,
            @Channel("dead-letters") Emitter<String> deadLetters, MeterRegistry registry) {
        this.erasures = erasures;
        // MongoDB's reactive driver needs no particular thread: retries run where Mutiny schedules them.
        this.poll = new PollConsumer(ErasureConfirmationConsumer.class, SERVICE, GROUP, List.of(Topics.ERASURES),
                retry.policy(), () -> null, deadLetters, registry);
    }

    @Incoming("erasures")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return poll.consume(records, record -> EventReader.read(record, ErasureCompleted.class), events -> erasures
                .confirmAll(events.stream().map(ReceivedEvent::event).toList())
                .map(fresh -> new PollConsumer.Applied(fresh, events.size() - fresh)));
    }
}
