package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.contracts.events.ValueDriversAnalysed;
import io.cxvalue.reporting.repository.ValueDriverRepository;
import io.cxvalue.support.consumer.PollConsumers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Keeps scoring's analyses of what moves customer value ({@code cx.value-drivers}, consumer group {@value #GROUP}) on
 * the shared skeleton ({@link PollConsumer}): the customer side of a process change's return. An analysis is kept by
 * its id, so a repeat changes nothing; a poll's analyses (a few a day) are kept one after the other.
 */
@ApplicationScoped
public class ValueDriverConsumer {

    static final String CHANNEL = "value-drivers";
    static final String GROUP = "reporting-service-value-drivers";

    private final ValueDriverRepository analyses;
    private final PollConsumer poll;

    ValueDriverConsumer(ValueDriverRepository analyses, PollConsumers consumers) {
        this.analyses = analyses;
        this.poll = consumers.of(ValueDriverConsumer.class, GROUP, List.of(Topics.VALUE_DRIVERS));
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return poll.consume(records, record -> EventReader.read(record, ValueDriversAnalysed.class), this::apply);
    }

    private Uni<PollConsumer.Applied> apply(List<ReceivedEvent<ValueDriversAnalysed>> events) {
        return PollConsumer.eachInTurn(events, event -> analyses.keep(event.event()).replaceWith(Boolean.TRUE),
                kept -> kept);
    }
}
