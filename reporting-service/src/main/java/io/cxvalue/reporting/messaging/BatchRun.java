package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.consumer.StoreRetries;
import io.cxvalue.contracts.DeadLetters;
import io.cxvalue.contracts.consumer.ConsumerMeters;
import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.repository.ProgressRepository;
import io.cxvalue.reporting.repository.ProgressRepository.PartitionProgress;
import io.cxvalue.reporting.service.ErasureService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The steps the reporting consumers share for one poll: each record's partition position (with the newest event
 * time it carries), the apply retried through store failures, the progress recorded for the freshness, and the
 * records dead-lettered one by one when the store fails longer than the retries (so the partitions keep moving).
 */
final class BatchRun {

    private static final Logger LOG = Logger.getLogger(BatchRun.class);

    private final String channel;
    private final String group;
    private final ProgressRepository progress;
    private final ReportingConfig.StoreRetry storeRetry;
    private final Emitter<String> deadLetters;
    private final MeterRegistry registry;
    private final Timer applyTime;
    private final Map<TopicPartition, PartitionProgress> positions = new LinkedHashMap<>();
    private final List<ConsumerRecord<String, String>> read = new ArrayList<>();
    private final Instant receivedAt = Instant.now();
    /** The first record's topic: the poll's counts are tagged with it (a poll can span topics; the sum holds). */
    private String topic;

    BatchRun(String channel, String group, ProgressRepository progress, ReportingConfig.StoreRetry storeRetry,
            Emitter<String> deadLetters, MeterRegistry registry, Timer applyTime) {
        this.channel = channel;
        this.group = group;
        this.progress = progress;
        this.storeRetry = storeRetry;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.applyTime = applyTime;
    }

    /** The newest event time of the records read so far; null when none carried one. */
    Instant eventsUpTo() {
        return positions.values().stream().map(PartitionProgress::latestEventAt)
                .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
    }

    /** Advances the position of the record's partition past it. */
    void passed(ConsumerRecord<String, String> record, Instant eventTime) {
        if (topic == null) {
            topic = record.topic();
        }
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        PartitionProgress before = positions.get(tp);
        Instant latest = before == null ? eventTime : before.latestEventAt();
        if (eventTime != null && (latest == null || eventTime.isAfter(latest))) {
            latest = eventTime;
        }
        long next = Math.max(record.offset() + 1, before == null ? 0 : before.nextOffset());
        positions.put(tp, new PartitionProgress(record.topic(), record.partition(), next, latest, receivedAt));
    }

    /** A record to apply (dead-lettered with the batch if the store keeps failing). */
    void read(ConsumerRecord<String, String> record, Instant eventTime) {
        passed(record, eventTime);
        read.add(record);
    }

    /** A record that cannot be applied: parked, and passed. */
    void reject(ConsumerRecord<String, String> record, String reason) {
        passed(record, null);
        count("rejected", 1);
        LOG.warnf("Rejecting %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        deadLetter(record, reason);
    }

    /** Applies what was read (unless nothing was), then records the positions. */
    <T> Uni<Void> finish(boolean anything, Supplier<Uni<? extends T>> apply, int applied) {
        String description = "batch of " + read.size() + " from " + positions.keySet();
        Timer.Sample sample = Timer.start(registry);
        Uni<Void> done = !anything ? Uni.createFrom().voidItem()
                : StoreRetries.withRetry(Uni.createFrom().deferred(apply), storeRetry.policy(),
                        ReportingConfig.StoreRetry::isStoreFailure, null)
                        .invoke(result -> {
                            sample.stop(applyTime);
                            count("applied", applied);
                            LOG.debugf("Applied a %s on %s: %s", description, channel, result);
                        })
                        .replaceWithVoid();
        return done
                .chain(() -> StoreRetries.withRetry(Uni.createFrom().deferred(() ->
                        progress.record(List.copyOf(positions.values()))), storeRetry.policy(),
                        ReportingConfig.StoreRetry::isStoreFailure, null))
                // Out of memory says nothing about the records: the stream fails (health down, restart), nothing
                // is parked.
                .onFailure(failure -> !(failure instanceof VirtualMachineError)).recoverWithUni(failure -> {
                    LOG.errorf("Dead-lettering a %s on %s: %s", description, channel, failure.getMessage());
                    count("failed", read.size());
                    read.forEach(record -> deadLetter(record, failure.getMessage()));
                    return Uni.createFrom().voidItem();
                });
    }

    /** Counts {@code n} events of the poll with the outcome, as contracts' consumer metrics. */
    void count(String outcome, int n) {
        if (n > 0) {
            ConsumerMeters.events(registry, ErasureService.SERVICE, group, topic == null ? "" : topic, outcome)
                    .increment(n);
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        deadLetters.send(DeadLetters.of(record, ErasureService.SERVICE, group, reason,
                (failed, failure) -> LOG.errorf("Could not dead-letter %s-%d@%d: %s", failed.topic(),
                        failed.partition(), failed.offset(), failure.getMessage())));
    }
}
