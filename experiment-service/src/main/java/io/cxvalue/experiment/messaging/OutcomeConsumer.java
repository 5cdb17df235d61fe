package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.experiment.outcome.CustomerEvent;
import io.cxvalue.experiment.service.OutcomeService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.cxvalue.support.consumer.PollConsumers;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Consumes what exposures and experiment outcomes are made of, a poll at a time on the shared skeleton
 * ({@link PollConsumer}, consumer group {@value #GROUP}): contacts, survey answers, transactions and scores. One
 * transaction per poll ({@link OutcomeService}); the assignments it stores in the outbox are published at once.
 *
 * <p>A malformed record is parked on {@code <topic>.dlq.experiment-service} when it is on a topic no other consumer of
 * this service reads (feedback, transactions); on the others it is skipped here, since the interaction and score
 * consumers park those topics' malformed records already.
 */
@ApplicationScoped
@Startup
public class OutcomeConsumer {

    static final String GROUP = "experiment-service-outcomes";
    private static final Set<String> DEAD_LETTERED_ELSEWHERE = Set.of(Topics.INTERACTIONS, Topics.SCORES);

    private final OutcomeService outcomes;
    private final OutboxRelay relay;
    private final PollConsumer poll;
    private final Counter outcomesChanged;

    public OutcomeConsumer(OutcomeService outcomes, OutboxRelay relay, PollConsumers consumers,
            MeterRegistry registry) {
        this.outcomes = outcomes;
        this.relay = relay;
        this.poll = consumers.onVertxContext(OutcomeConsumer.class, GROUP,
                List.of(Topics.INTERACTIONS, Topics.FEEDBACK, Topics.TRANSACTIONS, Topics.SCORES));
        this.outcomesChanged = Counter.builder("cx.experiment.outcomes.changed")
                .description("Customer outcomes changed by the events applied").register(registry);
    }

    @Incoming("outcomes")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return poll.consume(records, OutcomeConsumer::read, this::apply);
    }

    private static Optional<ReceivedEvent<CxEvent>> read(ConsumerRecord<String, String> record) {
        ReceivedEvent<CxEvent> event;
        try {
            event = EventReader.read(record);
        } catch (MalformedEventException e) {
            if (DEAD_LETTERED_ELSEWHERE.contains(record.topic())) {
                return Optional.empty();
            }
            throw e;
        }
        CxEvent payload = event.event();
        boolean used = payload instanceof InteractionRecorded || payload instanceof SurveyResponded
                || payload instanceof TransactionRecorded || payload instanceof CustomerScored;
        return used ? Optional.of(event) : Optional.empty();
    }

    private Uni<PollConsumer.Applied> apply(List<ReceivedEvent<CxEvent>> read) {
        List<CustomerEvent> events = new ArrayList<>(read.size());
        Map<Long, String> interactionIds = new HashMap<>();
        for (ReceivedEvent<CxEvent> event : read) {
            long key = CustomerEvent.keyOf(event.eventId());
            CxEvent payload = event.event();
            if (payload instanceof InteractionRecorded contact) {
                events.add(CustomerEvent.contact(key, contact));
                interactionIds.put(key, contact.interactionId());
            } else if (payload instanceof SurveyResponded survey) {
                events.add(CustomerEvent.survey(key, survey));
            } else if (payload instanceof TransactionRecorded transaction) {
                events.add(CustomerEvent.transaction(key, transaction));
            } else if (payload instanceof CustomerScored score) {
                events.add(CustomerEvent.score(key, score));
            }
        }
        return outcomes.apply(events, interactionIds).map(applied -> {
            if (applied.newExposures() > 0) {
                // Committed with the assignments in the outbox: publish them now, not at the next poll.
                relay.wake();
            }
            outcomesChanged.increment(applied.outcomesChanged());
            return new PollConsumer.Applied(applied.newEvents(), events.size() - applied.newEvents());
        });
    }
}
