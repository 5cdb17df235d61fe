package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.DeadLetters;
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
import io.cxvalue.reporting.repository.ProgressRepository.PartitionProgress;
import io.cxvalue.reporting.service.ErasureService;
import io.cxvalue.reporting.service.EventBatch;
import io.cxvalue.reporting.service.KpiUpdateService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes what the KPIs are made of, in batches (consumer group {@value #GROUP}): contacts, survey answers, quality
 * evaluations, transactions and customer merges. One poll is applied as one {@link EventBatch} (bulk writes, then
 * the touched days' rollups recomputed), and its progress per partition recorded for the freshness the answers show.
 * <p>
 * A malformed record is dead-lettered to {@code <topic>.dlq.reporting-service} and the rest of the batch applied; a
 * batch whose store failures outlast the retries is dead-lettered record by record, so the partitions keep moving
 * (a parked record can be replayed: applying it again changes nothing).
 */
@ApplicationScoped
public class KpiEventConsumer {

    static final String CHANNEL = "kpi-events";
    static final String GROUP = "reporting-service-kpis";
    static final String METRIC = "cx.reporting.events.consumed";

    private static final Logger LOG = Logger.getLogger(KpiEventConsumer.class);

    private final KpiUpdateService kpis;
    private final ProgressRepository progress;
    private final ReportingConfig.StoreRetry storeRetry;
    private final Emitter<String> deadLetters;
    private final MeterRegistry registry;
    private final Timer applyTime;

    KpiEventConsumer(KpiUpdateService kpis, ProgressRepository progress, ReportingConfig config,
            @Channel("kpi-dead-letters") Emitter<String> deadLetters, MeterRegistry registry) {
        this.kpis = kpis;
        this.progress = progress;
        this.storeRetry = config.storeRetry();
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.applyTime = Timer.builder("cx.reporting.kpi.batch.apply")
                .description("Time to apply one poll's events to the contacts and recompute the rollups")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        EventBatch batch = EventBatch.empty();
        List<ConsumerRecord<String, String>> read = new ArrayList<>(records.count());
        Map<TopicPartition, PartitionProgress> positions = new LinkedHashMap<>();
        Instant receivedAt = Instant.now();
        for (ConsumerRecord<String, String> record : records) {
            position(positions, record, null, receivedAt);
            ReceivedEvent<CxEvent> event;
            try {
                event = EventReader.read(record);
            } catch (MalformedEventException e) {
                count("rejected", 1);
                LOG.warnf("Rejecting %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
                deadLetter(record, e.getMessage());
                continue;
            }
            position(positions, record, event.time(), receivedAt);
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
                count("ignored", 1);
                continue;
            }
            read.add(record);
        }
        String description = "batch of " + read.size() + " from " + records.partitions();
        Timer.Sample sample = Timer.start(registry);
        Uni<Void> applied = batch.size() == 0 ? Uni.createFrom().voidItem()
                : StoreRetry.withRetry(Uni.createFrom().deferred(() -> kpis.apply(batch)), storeRetry)
                        .invoke(result -> {
                            sample.stop(applyTime);
                            count("applied", batch.size());
                            LOG.debugf("Applied a %s: %s", description, result);
                        })
                        .replaceWithVoid();
        return applied
                .chain(() -> StoreRetry.withRetry(Uni.createFrom().deferred(() ->
                        progress.record(List.copyOf(positions.values()))), storeRetry))
                .onFailure().recoverWithUni(failure -> {
                    LOG.errorf("Dead-lettering a %s: %s", description, failure.getMessage());
                    count("failed", read.size());
                    read.forEach(record -> deadLetter(record, failure.getMessage()));
                    return Uni.createFrom().voidItem();
                });
    }

    private static void position(Map<TopicPartition, PartitionProgress> positions,
            ConsumerRecord<String, String> record, Instant eventTime, Instant appliedAt) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        PartitionProgress before = positions.get(tp);
        Instant latest = before == null ? eventTime : before.latestEventAt();
        if (eventTime != null && (latest == null || eventTime.isAfter(latest))) {
            latest = eventTime;
        }
        long next = Math.max(record.offset() + 1, before == null ? 0 : before.nextOffset());
        positions.put(tp, new PartitionProgress(record.topic(), record.partition(), next, latest, appliedAt));
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        deadLetters.send(DeadLetters.of(record, ErasureService.SERVICE, GROUP, reason,
                (failed, failure) -> LOG.errorf("Could not dead-letter %s-%d@%d: %s", failed.topic(),
                        failed.partition(), failed.offset(), failure.getMessage())));
    }

    private void count(String outcome, int n) {
        if (n > 0) {
            registry.counter(METRIC, "channel", CHANNEL, "outcome", outcome).increment(n);
        }
    }
}
