package io.cxvalue.benchmarks;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * How far a service's consumer group has come through some topics, and how fast a plain consumer reads the same
 * records (the baseline a consumer's apply rate is printed next to).
 */
final class ConsumerProgress implements AutoCloseable {

    private final String bootstrap;
    private final List<String> topics;
    private final String group;
    private final Admin admin;

    ConsumerProgress(String bootstrap, List<String> topics, String group) {
        this.bootstrap = bootstrap;
        this.topics = List.copyOf(topics);
        this.group = group;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(p);
    }

    Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, d) -> d.partitions()
                .forEach(partition -> latest.put(new TopicPartition(topic, partition.partition()),
                        OffsetSpec.latest())));
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    /** The group's committed offsets on the topics, summed over their partitions. */
    long committed() throws Exception {
        Set<TopicPartition> mine = endOffsets().keySet();
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get().entrySet()) {
            if (mine.contains(e.getKey()) && e.getValue() != null) {
                sum += e.getValue().offset();
            }
        }
        return sum;
    }

    /** Records on the topics the group has not committed yet. */
    long lag() throws Exception {
        Map<TopicPartition, Long> end = endOffsets();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    /**
     * Waits until the group has no lag; the seconds from {@code t0} (System.nanoTime) until then.
     *
     * @param service named in the progress lines and the timeout's message
     */
    double awaitNoLag(long t0, int timeoutSeconds, String service) throws Exception {
        long deadline = t0 + timeoutSeconds * 1_000_000_000L;
        long lastSay = 0;
        while (true) {
            long lag = lag();
            long now = System.nanoTime();
            if (lag == 0) {
                return (now - t0) / 1e9;
            }
            if (now - deadline > 0) {
                throw new StackNotReady(service + " did not apply the events within " + timeoutSeconds + " s: lag "
                        + lag);
            }
            if (now - lastSay > 15_000_000_000L) {
                BenchSupport.say("applying: lag %,d after %.0f s", lag, (now - t0) / 1e9);
                lastSay = now;
            }
            Thread.sleep(500);
        }
    }

    /** A plain consumer reading the records between {@code from} and the current end: records per second. */
    double plainConsumerRate(Map<TopicPartition, Long> from) throws Exception {
        Map<TopicPartition, Long> until = endOffsets();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long total = 0;
        for (TopicPartition tp : until.keySet()) {
            total += until.get(tp) - from.getOrDefault(tp, 0L);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.assign(until.keySet());
            until.keySet().forEach(tp -> consumer.seek(tp, from.getOrDefault(tp, 0L)));
            long read = 0;
            long start = System.nanoTime();
            while (read < total) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            return read / ((System.nanoTime() - start) / 1e9);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
