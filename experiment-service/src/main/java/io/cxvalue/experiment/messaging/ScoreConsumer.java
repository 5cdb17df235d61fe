package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.experiment.service.CustomerTierService;
import io.cxvalue.support.consumer.PollConsumers;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each customer's value tier from {@code cx.scores} (consumer group {@code experiment-service}) on the
 * shared skeleton ({@link PollConsumer}), for the stratified results: a poll's scores in one transaction, each
 * idempotent by event id.
 */
@ApplicationScoped
@Startup
public class ScoreConsumer {

    private final CustomerTierService tiers;
    private final PollConsumer poll;

    public ScoreConsumer(CustomerTierService tiers, PollConsumers consumers) {
        this.tiers = tiers;
        this.poll = consumers.onVertxContext(ScoreConsumer.class, List.of(Topics.SCORES));
    }

    @Incoming("scores")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return poll.consume(records, record -> EventReader.read(record, CustomerScored.class), this::apply);
    }

    private Uni<PollConsumer.Applied> apply(List<ReceivedEvent<CustomerScored>> scores) {
        Map<String, CustomerScored> byEventId = new LinkedHashMap<>();
        scores.forEach(score -> byEventId.put(score.eventId(), score.event()));
        return tiers.scoredAll(byEventId).map(fresh -> new PollConsumer.Applied(fresh, scores.size() - fresh));
    }
}
