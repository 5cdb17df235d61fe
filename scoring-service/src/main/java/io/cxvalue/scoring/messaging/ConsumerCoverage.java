package io.cxvalue.scoring.messaging;

import io.cxvalue.scoring.DataCoverage;
import io.cxvalue.scoring.repository.ProcessedEventRepository;
import io.cxvalue.scoring.service.VertxContexts;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Measures {@link DataCoverage}: the latest applied event per topic from {@code processed_event} (written in the same
 * transaction as the state it changed), and the lag of this service's consumer group from Kafka (end offsets minus
 * committed offsets, per partition, summed per topic).
 */
@ApplicationScoped
public class ConsumerCoverage {

    private static final Logger LOG = Logger.getLogger(ConsumerCoverage.class);
    /** How long Kafka may take to say; a fit does not wait longer for its coverage. */
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);

    private final ProcessedEventRepository processed;
    private final String bootstrapServers;
    private final String group;
    private final Clock clock;
    private Admin admin;

    public ConsumerCoverage(ProcessedEventRepository processed,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String group, Clock clock) {
        this.processed = processed;
        this.bootstrapServers = bootstrapServers;
        this.group = group;
        this.clock = clock;
    }

    /**
     * The coverage of {@code topics} now. Kafka is asked on a worker thread and the answer comes back on the caller's
     * Vert.x context, where its database session lives.
     */
    public Uni<DataCoverage> measure(List<String> topics) {
        Executor back = VertxContexts.current();
        var measuredAt = clock.instant();
        return Uni.createFrom().item(() -> lag(group, topics))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(back)
                .chain(lags -> processed.latestPerTopic(topics).map(latest -> new DataCoverage(measuredAt,
                        topics.stream().map(topic -> {
                            ProcessedEventRepository.Latest l = latest.get(topic);
                            return new DataCoverage.Topic(topic, l == null ? null : l.eventId(),
                                    l == null ? null : l.appliedAt(), lags.get(topic));
                        }).toList())));
    }

    /**
     * Per topic, the events {@code group} has not committed yet (a partition without a committed offset counts from
     * its earliest offset); a topic is missing from the answer when Kafka did not answer within
     * {@link #KAFKA_TIMEOUT}.
     */
    Map<String, Long> lag(String group, List<String> topics) {
        try {
            Admin kafka = admin();
            Map<String, TopicDescription> described = kafka.describeTopics(topics).allTopicNames()
                    .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartition> partitions = described.values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> end = offsets(kafka, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> earliest = offsets(kafka, partitions, OffsetSpec.earliest());
            Map<String, Long> lag = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long from = Math.max(done == null ? 0 : done.offset(), earliest.getOrDefault(partition, 0L));
                lag.merge(partition.topic(), Math.max(0, end.getOrDefault(partition, 0L) - from), Long::sum);
            }
            return lag;
        } catch (TimeoutException | ExecutionException e) {
            LOG.warnf("Consumer lag of %s on %s unknown: %s", group, topics, e.toString());
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin kafka, List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = kafka.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.CLIENT_ID_CONFIG, group + "-coverage",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis()));
        }
        return admin;
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
