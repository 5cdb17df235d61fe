package io.cxvalue.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/** Plain Kafka clients against the test broker, for tests that read or write topics directly. */
public final class KafkaTestClient {

    private KafkaTestClient() {
    }

    /**
     * Reads {@code topic} from the beginning until {@code done} holds for the records read so far, or the timeout
     * passes; returns everything read (which the caller then asserts on).
     */
    public static List<ConsumerRecord<String, String>> readUntil(String topic, Duration timeout,
            Predicate<List<ConsumerRecord<String, String>>> done) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && !done.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Reads {@code topic} from the beginning for {@code duration} and returns every record read. */
    public static List<ConsumerRecord<String, String>> readFor(String topic, Duration duration) {
        return readUntil(topic, duration, records -> false);
    }

    /** A raw record to write. */
    public record Record(String topic, String key, String value, Map<String, String> headers) {
    }

    /** Writes one raw record (any bytes a producer might send, well-formed or not) and waits for the ack. */
    public static void send(String topic, String key, String value, Map<String, String> headers) {
        sendAll(List.of(new Record(topic, key, value, headers)));
    }

    /** Writes the records in order through one idempotent producer and waits for every ack. */
    public static void sendAll(List<Record> records) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<?>> acks = new ArrayList<>(records.size());
            for (Record r : records) {
                List<Header> recordHeaders = r.headers().entrySet().stream()
                        .<Header>map(h -> new RecordHeader(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8)))
                        .toList();
                acks.add(producer.send(new ProducerRecord<>(r.topic(), null, r.key(), r.value(), recordHeaders)));
            }
            for (var ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not write " + records.size() + " test records", e);
        }
    }

    /** The broker of the running test: the in-JVM one, or the child-process one of outage tests. */
    private static String bootstrapServers() {
        try {
            return KafkaTestResource.bootstrapServers();
        } catch (IllegalStateException notInJvm) {
            return KafkaProcessTestResource.broker().bootstrapServers();
        }
    }

    /** The value of a header as text, or null when absent. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
