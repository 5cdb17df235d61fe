package io.cxvalue.reporting.service;

import io.cxvalue.reporting.repository.ProgressRepository;
import io.cxvalue.reporting.repository.ProgressRepository.PartitionProgress;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Up to when the KPIs are complete: the newest event the KPIs show, how many records are not applied yet on either
 * leg (the event topics, and the cell changes they lead to: the end offsets from the broker, less the applied
 * positions every instance records), and from that the time up to which nothing is missing. The broker is asked at most once a second; when it cannot be reached the lag is
 * unknown (null) rather than wrong.
 */
@ApplicationScoped
public class FreshnessService {

    private static final Logger LOG = Logger.getLogger(FreshnessService.class);
    private static final Duration END_OFFSETS_TTL = Duration.ofSeconds(1);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(2);

    private final ProgressRepository progress;
    private final List<String> topics;
    private final String cellTopic;
    private final String bootstrapServers;
    private volatile Admin admin;
    private volatile Cached cached;
    private volatile CachedProgress cachedProgress;
    static final long PROGRESS_TTL_MS = 250;

    FreshnessService(ProgressRepository progress,
            @ConfigProperty(name = "mp.messaging.incoming.kpi-events.topics") List<String> topics,
            @ConfigProperty(name = "mp.messaging.incoming.cell-changes.topic") String cellTopic,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.progress = progress;
        List<String> all = new java.util.ArrayList<>(topics);
        all.add(cellTopic);
        this.topics = List.copyOf(all);
        this.cellTopic = cellTopic;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * @param latestEventAppliedAt the newest event time applied on any partition
     * @param consumerLag          records published but not applied yet; null when the broker could not be asked
     * @param completeUpTo         every event published before this time is applied (the answer's own time when
     *                             nothing is pending); null when unknown
     */
    public record Freshness(Instant latestEventAppliedAt, Long consumerLag, Instant completeUpTo) {
    }

    private record Cached(Instant at, Map<TopicPartition, Long> endOffsets) {
    }

    /**
     * The freshness as of {@code asOf}. The applied positions are read at most every {@value #PROGRESS_TTL_MS} ms
     * (queries in between share them): the answer may then understate what is applied by that much, never overstate.
     */
    public Uni<Freshness> current(Instant asOf) {
        CachedProgress p = cachedProgress;
        Uni<List<PartitionProgress>> applied = p != null && p.at().plusMillis(PROGRESS_TTL_MS).isAfter(asOf)
                ? Uni.createFrom().item(p.progress())
                : progress.all().invoke(read -> cachedProgress = new CachedProgress(asOf, read));
        return Uni.combine().all().unis(applied, endOffsets(asOf)).asTuple()
                .map(t -> freshness(t.getItem1(), t.getItem2(), cellTopic, asOf));
    }

    private record CachedProgress(Instant at, List<PartitionProgress> progress) {
    }

    /**
     * @param cellTopic the topic whose applied records the KPIs show (the events' time they carry is the newest shown)
     */
    static Freshness freshness(List<PartitionProgress> applied, Map<TopicPartition, Long> endOffsets,
            String cellTopic, Instant asOf) {
        Instant latest = null;
        Map<TopicPartition, PartitionProgress> byPartition = new HashMap<>();
        for (PartitionProgress p : applied) {
            byPartition.put(new TopicPartition(p.topic(), p.partition()), p);
            if (p.topic().equals(cellTopic) && p.latestEventAt() != null && (latest == null || p.latestEventAt().isAfter(latest))) {
                latest = p.latestEventAt();
            }
        }
        if (endOffsets == null) {
            return new Freshness(latest, null, null);
        }
        long lag = 0;
        Instant complete = asOf;
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            PartitionProgress p = byPartition.get(end.getKey());
            long behind = end.getValue() - (p == null ? 0 : p.nextOffset());
            if (behind > 0) {
                lag += behind;
                // Events of this partition after its newest applied one are not in yet.
                Instant upTo = p == null || p.latestEventAt() == null ? Instant.EPOCH : p.latestEventAt();
                if (upTo.isBefore(complete)) {
                    complete = upTo;
                }
            }
        }
        return new Freshness(latest, lag, complete);
    }

    private Uni<Map<TopicPartition, Long>> endOffsets(Instant asOf) {
        Cached c = cached;
        if (c != null && c.at().plus(END_OFFSETS_TTL).isAfter(asOf)) {
            return Uni.createFrom().item(c.endOffsets());
        }
        Admin a = admin();
        return Uni.createFrom().completionStage(a.describeTopics(topics).allTopicNames().toCompletionStage())
                .chain(described -> {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    for (TopicDescription d : described.values()) {
                        d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()),
                                OffsetSpec.latest()));
                    }
                    return Uni.createFrom().completionStage(a.listOffsets(latest).all().toCompletionStage());
                })
                .map(offsets -> {
                    Map<TopicPartition, Long> ends = new HashMap<>();
                    offsets.forEach((tp, info) -> ends.put(tp, info.offset()));
                    cached = new Cached(asOf, ends);
                    return ends;
                })
                .ifNoItem().after(ADMIN_TIMEOUT).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("End offsets unavailable: %s", failure.getMessage());
                    return null;
                });
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.CLIENT_ID_CONFIG, "reporting-service-freshness",
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis(),
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
                }
                a = admin;
            }
        }
        return a;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
