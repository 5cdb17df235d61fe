package io.cxvalue.reporting.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.repository.ProgressRepository;
import io.cxvalue.reporting.service.CellUpdateService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Updates the KPI cells of the contacts named on {@code cx.reporting.cell-changes} (consumer group {@value #GROUP}),
 * one poll at a time: the topic is keyed by team, so one consumer at a time updates a team's cells, which is what
 * {@link CellUpdateService} relies on. Progress per partition is recorded for the freshness the answers show (what
 * the KPIs show is complete once this consumer has applied the changes).
 * <p>
 * A malformed record, or a batch whose store failures outlast the retries, is dead-lettered to
 * {@code cx.reporting.cell-changes.dlq.reporting-service}; a parked record can be replayed (it only says which
 * contacts to bring in line, so applying it again changes nothing).
 */
@ApplicationScoped
public class CellChangeConsumer {

    static final String CHANNEL = "cell-changes";
    static final String GROUP = "reporting-service-cells";

    private final CellUpdateService cells;
    private final ProgressRepository progress;
    private final ReportingConfig.StoreRetry storeRetry;
    private final Emitter<String> deadLetters;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Timer applyTime;

    CellChangeConsumer(CellUpdateService cells, ProgressRepository progress, ReportingConfig config,
            @Channel("kpi-dead-letters") Emitter<String> deadLetters, ObjectMapper json, MeterRegistry registry) {
        this.cells = cells;
        this.progress = progress;
        this.storeRetry = config.storeRetry();
        this.deadLetters = deadLetters;
        this.json = json;
        this.registry = registry;
        this.applyTime = Timer.builder("cx.reporting.kpi.cells.apply")
                .description("Time to bring one poll's changed contacts into their KPI cells")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        Set<String> contacts = new LinkedHashSet<>();
        BatchRun run = new BatchRun(CHANNEL, GROUP, progress, storeRetry, deadLetters, registry, applyTime);
        for (ConsumerRecord<String, String> record : records) {
            CellChange change;
            try {
                change = json.readValue(record.value(), CellChange.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                change = null;
            }
            if (change == null || change.interactionIds() == null) {
                run.reject(record, "not a cell change: " + record.value());
                continue;
            }
            run.read(record, change.eventsUpTo());
            contacts.addAll(change.interactionIds());
        }
        return run.finish(!contacts.isEmpty(), () -> cells.apply(contacts), records.count());
    }
}
