package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.DeadLetters;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.consumer.ConsumerMeters;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.experiment.outcome.CustomerEvent;
import io.cxvalue.experiment.service.OutcomeService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consumes what exposures and experiment outcomes are made of, in batches (consumer group
 * experiment-service-outcomes): contacts, survey answers, transactions and scores. One transaction per poll
 * ({@link OutcomeService}); the assignments it stores in the outbox are published at once.
 *
 * <p>A malformed record is skipped and, on the topics no other consumer of this service reads (feedback,
 * transactions), dead-lettered to {@code <topic>.dlq.experiment-service}; the interaction and score consumers already
 * dead-letter those topics' malformed records. A batch whose store failures outlast the retries is
 * dead-lettered record by record, so the partitions keep moving.
 */
@ApplicationScoped
public class OutcomeConsumer {

    private static final Logger LOG = Logger.getLogger(OutcomeConsumer.class);
    private static final String SERVICE = "experiment-service";
    private static final String GROUP = "experiment-service-outcomes";
    private static final Set<String> DEAD_LETTERED_ELSEWHERE = Set.of(Topics.INTERACTIONS, Topics.SCORES);

    private final OutcomeService outcomes;
    private final OutboxRelay relay;
    private final StoreRetry storeRetry;
    private final Emitter<String> deadLetters;
    private final MeterRegistry registry;

    public OutcomeConsumer(OutcomeService outcomes, OutboxRelay relay, StoreRetry storeRetry,
            @Channel("outcome-dead-letters") Emitter<String> deadLetters, MeterRegistry registry) {
        this.outcomes = outcomes;
        this.relay = relay;
        this.storeRetry = storeRetry;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    @Incoming("outcomes")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        LOG.debugf("Outcome batch of %d records from %s", records.count(), records.partitions());
        List<CustomerEvent> events = new ArrayList<>(records.count());
        Map<Long, String> interactionIds = new HashMap<>();
        List<ConsumerRecord<String, String>> read = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            ReceivedEvent<CxEvent> event;
            try {
                event = EventReader.read(record);
            } catch (MalformedEventException e) {
                count(record.topic(), "rejected", 1);
                if (!DEAD_LETTERED_ELSEWHERE.contains(record.topic())) {
                    deadLetter(record, e.getMessage());
                }
                continue;
            }
            read.add(record);
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
            } else {
                count(record.topic(), "ignored", 1);
            }
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String batch = "batch of " + read.size() + " from " + records.partitions();
        String topic = read.get(0).topic(); // the poll's counts are tagged with its first topic (the sum holds)
        return storeRetry.apply(batch, () -> outcomes.apply(events, interactionIds))
                .invoke(applied -> {
                    LOG.debugf("Outcome batch applied: %s", applied);
                    if (applied.newExposures() > 0) {
                        // Committed with the assignments in the outbox: publish them now, not at the next poll.
                        relay.wake();
                    }
                    count(topic, "applied", applied.newEvents());
                    count(topic, "duplicate", events.size() - applied.newEvents());
                    registry.counter("cx.experiment.outcomes.changed").increment(applied.outcomesChanged());
                })
                // Out of memory says nothing about the records: the stream fails (health down, restart), nothing
                // is parked.
                .onFailure(failure -> !(failure instanceof VirtualMachineError)).recoverWithUni(failure -> {
                    LOG.errorf("Dead-lettering a %s: %s", batch, failure.getMessage());
                    count(topic, "failed", read.size());
                    read.forEach(record -> deadLetter(record, failure.getMessage()));
                    return Uni.createFrom().nullItem();
                })
                .replaceWithVoid();
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        deadLetters.send(DeadLetters.of(record, SERVICE, GROUP, reason,
                (failed, failure) -> LOG.errorf("Could not dead-letter %s-%d@%d: %s", failed.topic(),
                        failed.partition(), failed.offset(), failure.getMessage())));
    }

    private void count(String topic, String outcome, int n) {
        if (n > 0) {
            ConsumerMeters.events(registry, SERVICE, GROUP, topic, outcome).increment(n);
        }
    }
}
