package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.scoring.service.ErasureService;
import io.cxvalue.scoring.service.ErasureService.Outcome;
import io.cxvalue.support.consumer.PollConsumers;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Applies the erasure requests of {@code cx.erasures} on the shared skeleton ({@link PollConsumer}): the customer's
 * data is deleted and an {@code ErasureCompleted} confirmation is stored in the outbox, in one transaction per
 * request (erasures are rare; a poll's requests go one after the other); the outbox relay is then woken to publish
 * them. The confirmations of other services on the same topic are valid events of another type: skipped.
 */
@ApplicationScoped
// Created at start rather than on the first poll, so that its meters are exported (at zero) from the beginning.
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
        return poll.consume(records, record -> EventReader.read(record, ErasureRequested.class),
                requests -> PollConsumer.eachInTurn(requests,
                                request -> erasures.erase(request.eventId(), request.event()),
                                outcome -> outcome == Outcome.ERASED)
                        .invoke(applied -> {
                            if (applied.applied() > 0) {
                                // Committed: publish the confirmations now rather than at the next poll.
                                relay.wake();
                            }
                        }));
    }
}
