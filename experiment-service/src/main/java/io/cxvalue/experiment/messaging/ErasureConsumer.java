package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.experiment.service.ErasureService;
import io.cxvalue.experiment.service.ErasureService.Outcome;
import io.cxvalue.support.consumer.PollConsumers;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Applies erasure requests from {@code cx.erasures} (consumer group {@code experiment-service}) on the shared
 * skeleton ({@link PollConsumer}); another service's ErasureCompleted is a type this consumer does not read, and is
 * skipped. A poll's requests are applied one after the other, each in its own transaction with its confirmation in
 * the outbox (erasures are rare); the relay is woken once they are committed.
 */
@ApplicationScoped
@Startup
public class ErasureConsumer {

    private final ErasureService erasures;
    private final OutboxRelay relay;
    private final PollConsumer poll;

    public ErasureConsumer(ErasureService erasures, OutboxRelay relay, PollConsumers consumers) {
        this.erasures = erasures;
        this.relay = relay;
        this.poll = consumers.onVertxContext(ErasureConsumer.class, List.of(Topics.ERASURES));
    }

    @Incoming("erasures")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return poll.consume(records, record -> EventReader.read(record, ErasureRequested.class), this::apply);
    }

    private Uni<PollConsumer.Applied> apply(List<ReceivedEvent<ErasureRequested>> requests) {
        return PollConsumer.eachInTurn(requests, request -> erasures.erase(request.eventId(), request.event()),
                        outcome -> outcome == Outcome.ERASED)
                // Committed: publish the confirmations now rather than at the next poll.
                .invoke(applied -> {
                    if (applied.applied() > 0) {
                        relay.wake();
                    }
                });
    }
}
