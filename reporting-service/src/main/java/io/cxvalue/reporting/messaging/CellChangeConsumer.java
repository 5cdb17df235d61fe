package io.cxvalue.reporting.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.reporting.service.CellUpdateService;
import io.cxvalue.support.consumer.PollConsumers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Brings the KPI cells in line with the contacts that changed, a poll of {@code cx.reporting.cell-changes} at a time
 * on the shared skeleton ({@link PollConsumer}, consumer group {@value #GROUP}; the topic is keyed by team, so one
 * consumer at a time updates a team's cells). The poll's contacts are applied together; its progress is recorded
 * with the newest event time the changes carry, which is the freshness of the KPI answers.
 */
@ApplicationScoped
public class CellChangeConsumer {

    static final String CHANNEL = "cell-changes";
    static final String GROUP = "reporting-service-cells";

    private final CellUpdateService cells;
    private final ObjectMapper json;
    private final PollProgressRecorder progressRecorder;
    private final PollConsumer poll;

    CellChangeConsumer(CellUpdateService cells, PollConsumers consumers, PollProgressRecorder progressRecorder,
            ObjectMapper json) {
        this.cells = cells;
        this.json = json;
        this.progressRecorder = progressRecorder;
        this.poll = consumers.of(CellChangeConsumer.class, GROUP, List.of(Topics.REPORTING_CELL_CHANGES));
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        PollProgress progress = PollProgress.of(records);
        return poll.consume(records, record -> read(record, progress), changes -> {
                    Set<String> contacts = new LinkedHashSet<>();
                    changes.forEach(change -> contacts.addAll(change.interactionIds()));
                    return cells.apply(contacts).replaceWith(new PollConsumer.Applied(changes.size(), 0));
                })
                .chain(() -> progressRecorder.record(progress));
    }

    private Optional<CellChange> read(ConsumerRecord<String, String> record, PollProgress progress) {
        CellChange change;
        try {
            change = json.readValue(record.value(), CellChange.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            change = null;
        }
        if (change == null || change.interactionIds() == null) {
            throw new MalformedEventException("not a cell change: " + record.value());
        }
        progress.passed(record, change.eventsUpTo());
        return Optional.of(change);
    }
}
