package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.reporting.service.ErasureOutcome;
import io.cxvalue.reporting.service.ErasureService;
import io.cxvalue.support.consumer.PollConsumers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Applies erasure requests from {@code cx.erasures} on the shared skeleton ({@link PollConsumer}, consumer group
 * {@code reporting-service}); other events of the topic (every service's confirmations) are skipped. A poll's requests
 * are applied one after the other (each is a few set-wide updates; erasures are rare), then the outbox relay is woken
 * for their confirmations.
 */
@ApplicationScoped
public class ErasureConsumer {

    static final String CHANNEL = "erasures";

    private final ErasureService erasures;
    private final OutboxRelay relay;
    private final PollConsumer poll;

    ErasureConsumer(ErasureService erasures, OutboxRelay relay, PollConsumers consumers) {
        this.erasures = erasures;
        this.relay = relay;
        this.poll = consumers.of(ErasureConsumer.class, List.of(Topics.ERASURES));
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return poll.consume(records, record -> EventReader.read(record, ErasureRequested.class), this::apply);
    }

    private Uni<PollConsumer.Applied> apply(List<ReceivedEvent<ErasureRequested>> requests) {
        return PollConsumer.eachInTurn(requests, request -> erasures.erase(request.eventId(), request.event()),
                        outcome -> outcome == ErasureOutcome.ERASED)
                // A repeat may follow a crash before the confirmation was published: wake the relay either way.
                .invoke(relay::wake);
    }
}
