package io.cxvalue.reporting.messaging;

import io.cxvalue.reporting.repository.ProgressRepository.PartitionProgress;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where one poll leaves each of its partitions, with the newest event time read there: recorded once the poll is
 * done, it is the freshness the answers show ("events up to").
 */
final class PollProgress {

    private final Map<TopicPartition, PartitionProgress> positions = new LinkedHashMap<>();
    private final Instant receivedAt = Instant.now();

    /** Every record of the poll passed: applied, skipped or parked alike. */
    static PollProgress of(Iterable<ConsumerRecord<String, String>> records) {
        PollProgress progress = new PollProgress();
        records.forEach(record -> progress.passed(record, null));
        return progress;
    }

    /** Notes the time of the event a record holds. */
    void passed(ConsumerRecord<String, String> record, Instant eventTime) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        PartitionProgress before = positions.get(tp);
        Instant latest = before == null ? eventTime : before.latestEventAt();
        if (eventTime != null && (latest == null || eventTime.isAfter(latest))) {
            latest = eventTime;
        }
        long next = Math.max(record.offset() + 1, before == null ? 0 : before.nextOffset());
        positions.put(tp, new PartitionProgress(record.topic(), record.partition(), next, latest, receivedAt));
    }

    /** The newest event time read; null when no record carried one. */
    Instant eventsUpTo() {
        return positions.values().stream().map(PartitionProgress::latestEventAt).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
    }

    List<PartitionProgress> positions() {
        return List.copyOf(positions.values());
    }
}
