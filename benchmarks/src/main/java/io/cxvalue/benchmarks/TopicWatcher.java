package io.cxvalue.benchmarks;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Follows a topic from its end offsets at creation (so only what is published afterwards counts) and counts the
 * records of one phase of the run: those whose value's {@code externalId} starts with the phase's prefix. Remembers
 * the distinct ce_id headers and externalIds, so losses and duplicates show, and the moment the expected count was
 * reached. No consumer group: partitions are assigned directly, nothing is committed.
 */
final class TopicWatcher implements AutoCloseable {

    private static final byte[] EXTERNAL_ID = "\"externalId\":\"".getBytes(StandardCharsets.US_ASCII);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final byte[] prefix;
    private final String ceIdHeader;
    private final Set<String> ceIds = new HashSet<>();
    private final Set<String> externalIds = new HashSet<>();
    private final Thread thread;
    private volatile boolean stop;
    private volatile long records;
    private volatile long expected = Long.MAX_VALUE;
    private volatile long reachedAtNanos;
    private volatile long lastSeenNanos;
    private volatile Throwable failure;
    private long bytes;

    TopicWatcher(String bootstrap, String topic, String externalIdPrefix, String ceIdHeader) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "cx-bench-watcher-" + externalIdPrefix);
        this.consumer = new KafkaConsumer<>(props);
        this.prefix = externalIdPrefix.getBytes(StandardCharsets.UTF_8);
        this.ceIdHeader = ceIdHeader;
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        ends.forEach(consumer::seek);
        this.thread = new Thread(this::run, "topic-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            while (!stop) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (batch.isEmpty()) {
                    continue;
                }
                long now = System.nanoTime();
                synchronized (this) {
                    for (ConsumerRecord<byte[], byte[]> record : batch) {
                        String externalId = externalId(record.value(), prefix);
                        if (externalId == null) {
                            continue;
                        }
                        externalIds.add(externalId);
                        Header header = record.headers().lastHeader(ceIdHeader);
                        ceIds.add(header == null ? "<none>" : new String(header.value(), StandardCharsets.UTF_8));
                        bytes += record.value().length;
                        records++;
                        lastSeenNanos = now;
                    }
                    if (reachedAtNanos == 0 && externalIds.size() >= expected) {
                        reachedAtNanos = now;
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (Throwable t) {
            failure = t;
        }
    }

    /**
     * The externalId of a JSON value when it starts with {@code prefix}, else null. A byte scan, not a parse: the
     * watcher must keep up with the topic on a machine whose cores are busy with the system under test.
     */
    static String externalId(byte[] value, byte[] prefix) {
        if (value == null) {
            return null;
        }
        int at = indexOf(value, EXTERNAL_ID, 0);
        if (at < 0) {
            return null;
        }
        int start = at + EXTERNAL_ID.length;
        if (value.length - start < prefix.length) {
            return null;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (value[start + i] != prefix[i]) {
                return null;
            }
        }
        int end = start + prefix.length;
        while (end < value.length && value[end] != '"') {
            end++;
        }
        return new String(value, start, end - start, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Sets how many distinct records complete the phase (the moment they are all seen is kept). */
    synchronized void expect(long count) {
        expected = count;
        if (reachedAtNanos == 0 && externalIds.size() >= count) {
            reachedAtNanos = lastSeenNanos;
        }
    }

    /**
     * Waits until the expected records are all seen, or until nothing new arrived for {@code idleTimeout}. Returns
     * the moment (nanoTime) the last missing record was seen, or 0 when not all arrived. The watcher keeps reading
     * afterwards (late duplicates still count) until it is closed.
     */
    long await(Duration idleTimeout) throws InterruptedException {
        long idleSince = System.nanoTime();
        long seen = -1;
        long nextReport = idleSince + Duration.ofSeconds(10).toNanos();
        while (reachedAtNanos == 0 && failure == null) {
            long now = System.nanoTime();
            if (now - nextReport >= 0) {
                System.out.printf("  ... %,d of %,d on the topic%n", distinctExternalIds(), expected);
                nextReport = now + Duration.ofSeconds(10).toNanos();
            }
            if (records != seen) {
                seen = records;
                idleSince = now;
            } else if (now - idleSince > idleTimeout.toNanos()) {
                break;
            }
            Thread.sleep(20);
        }
        if (failure != null) {
            throw new IllegalStateException("topic watcher failed: " + failure, failure);
        }
        return reachedAtNanos;
    }

    synchronized long records() {
        return records;
    }

    synchronized long distinctExternalIds() {
        return externalIds.size();
    }

    synchronized long distinctCeIds() {
        return ceIds.size();
    }

    synchronized double meanValueBytes() {
        return records == 0 ? 0 : (double) bytes / records;
    }

    @Override
    public void close() {
        stop = true;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
