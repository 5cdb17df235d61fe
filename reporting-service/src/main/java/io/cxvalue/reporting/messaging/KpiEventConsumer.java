package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.QualityEvaluated;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.repository.ProgressRepository;
import io.cxvalue.reporting.service.EventBatch;
import io.cxvalue.reporting.service.KpiUpdateService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consumes what the KPIs are made of, in batches (consumer group {@value #GROUP}): contacts, survey answers, quality
 * evaluations, transactions and customer merges. One poll is applied as one {@link EventBatch} (bulk writes), the
 * contacts it changed are published by team to {@code cx.reporting.cell-changes} (where {@link CellChangeConsumer}
 * updates their KPI cells), and its progress per partition is recorded for the freshness the answers show. The poll is
 * acknowledged only once the changes are on the topic: a crash before that applies and publishes it again.
 * <p>
 * A malformed record is dead-lettered to {@code <topic>.dlq.reporting-service} and the rest of the batch applied; a
 * batch whose store failures outlast the retries is dead-lettered record by record, so the partitions keep moving
 * (a parked record can be replayed: applying it again changes nothing).
 */
@ApplicationScoped
public class KpiEventConsumer {

    static final String CHANNEL = "kpi-events";
    static final String GROUP = "reporting-service-kpis";

    private final KpiUpdateService kpis;
    private final ProgressRepository progress;
    private final ReportingConfig.StoreRetry storeRetry;
    private final Emitter<String> deadLetters;
    private final MutinyEmitter<String> cellChanges;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Timer applyTime;

    KpiEventConsumer(KpiUpdateService kpis, ProgressRepository progress, ReportingConfig config,
            @Channel("kpi-dead-letters") Emitter<String> deadLetters,
            @Channel("cell-changes-out") MutinyEmitter<String> cellChanges, ObjectMapper json, MeterRegistry registry) {
        this.kpis = kpis;
        this.cellChanges = cellChanges;
        this.json = json;
        this.progress = progress;
        this.storeRetry = config.storeRetry();
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.applyTime = Timer.builder("cx.reporting.kpi.batch.apply")
                .description("Time to apply one poll's events to the contacts and publish the cell changes")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        EventBatch batch = EventBatch.empty();
        BatchRun run = new BatchRun(CHANNEL, GROUP, progress, storeRetry, deadLetters, registry, applyTime);
        for (ConsumerRecord<String, String> record : records) {
            ReceivedEvent<CxEvent> event;
            try {
                event = EventReader.read(record);
            } catch (MalformedEventException e) {
                run.reject(record, e.getMessage());
                continue;
            }
            CxEvent payload = event.event();
            if (payload instanceof InteractionRecorded interaction) {
                batch.interactions().add(interaction);
            } else if (payload instanceof SurveyResponded survey) {
                batch.surveys().add(survey);
            } else if (payload instanceof QualityEvaluated evaluation) {
                batch.evaluations().add(evaluation);
            } else if (payload instanceof TransactionRecorded transaction) {
                batch.transactions().add(transaction);
            } else if (payload instanceof CustomersMerged merge) {
                batch.merges().add(merge);
            } else {
                run.passed(record, event.time());
                run.count("ignored", 1);
                continue;
            }
            run.read(record, event.time());
        }
        Instant eventsUpTo = run.eventsUpTo();
        return run.finish(batch.size() > 0,
                () -> kpis.apply(batch).call(result -> publish(result.changedByTeam(), eventsUpTo)), batch.size());
    }

    /** Publishes the changed contacts by team; completes when the broker has them all. */
    private Uni<Void> publish(Map<String, Set<String>> byTeam, Instant eventsUpTo) {
        List<Uni<Void>> sends = new ArrayList<>();
        byTeam.forEach((team, ids) -> {
            List<String> all = List.copyOf(ids);
            for (int from = 0; from < all.size(); from += CellChange.MAX_IDS) {
                CellChange change = new CellChange(team,
                        all.subList(from, Math.min(all.size(), from + CellChange.MAX_IDS)), eventsUpTo);
                String value;
                try {
                    value = json.writeValueAsString(change);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a cell change always serializes", e);
                }
                sends.add(cellChanges.sendMessage(Message.of(value).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(team).build())));
            }
        });
        return sends.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}
