package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.ExperimentStarted;
import io.cxvalue.contracts.events.ExperimentDecided;
import io.cxvalue.contracts.events.ExperimentStopped;
import io.cxvalue.scoring.service.EventOutcome;
import io.cxvalue.scoring.service.PolicyRolloutService;
import io.cxvalue.scoring.service.RunningExperimentService;
import io.cxvalue.support.consumer.PollConsumers;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies {@code cx.experiments}: the experiments running now, whose variants the caller card shows, and the caller
 * policy decided experiments roll out. Keyed by
 * experiment id, so one experiment's start and stop stay in order. Malformed records are dead-lettered to
 * {@code cx.experiments.dlq.scoring-service}, store failures retried with back-off ({@link PollConsumer}).
 */
@ApplicationScoped
@Startup
public class ExperimentConsumer {

    private static final Set<EventType> HANDLED = EnumSet.of(EventType.EXPERIMENT_STARTED,
            EventType.EXPERIMENT_STOPPED, EventType.EXPERIMENT_DECIDED);

    private final RunningExperimentService experiments;
    private final PolicyRolloutService rollouts;
    private final PollConsumer poll;

    public ExperimentConsumer(RunningExperimentService experiments, PolicyRolloutService rollouts,
            PollConsumers consumers) {
        this.experiments = experiments;
        this.rollouts = rollouts;
        this.poll = consumers.onVertxContext(ExperimentConsumer.class, List.of(Topics.EXPERIMENTS));
    }

    /** A poll's events one after the other, each in its own transaction (a few a day). */
    @Incoming("experiments")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return poll.consume(records, ExperimentConsumer::read, events -> PollConsumer.eachInTurn(events,
                received -> apply(Topics.EXPERIMENTS, received), outcome -> outcome == EventOutcome.APPLIED));
    }

    private Uni<EventOutcome> apply(String topic, ReceivedEvent<CxEvent> received) {
        Uni<EventOutcome> applied = switch (received.type()) {
            case EXPERIMENT_STARTED -> experiments.started(received.eventId(), topic,
                    (ExperimentStarted) received.event());
            case EXPERIMENT_STOPPED -> experiments.stopped(received.eventId(), topic,
                    (ExperimentStopped) received.event());
            case EXPERIMENT_DECIDED -> rollouts.decided(received.eventId(), topic,
                    (ExperimentDecided) received.event()).invoke(rollouts::changed);
            // read() lets through only the types above.
            default -> throw new IllegalStateException("Unexpected event type " + received.type());
        };
        // Committed: the next card on this instance reads the running experiments again.
        return applied.invoke(experiments::changed);
    }

    private static Optional<ReceivedEvent<CxEvent>> read(ConsumerRecord<String, String> record) {
        ReceivedEvent<CxEvent> received = EventReader.read(record);
        return HANDLED.contains(received.type()) ? Optional.of(received) : Optional.empty();
    }
}
