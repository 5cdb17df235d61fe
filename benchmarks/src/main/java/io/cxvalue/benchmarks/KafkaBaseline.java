package io.cxvalue.benchmarks;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own producer throughput on this machine, for comparison: {@code org.apache.kafka.tools.ProducerPerformance}
 * (kafka-tools, the broker's version) in a child JVM, on a scratch topic with the partitions of cx.interactions,
 * with the settings of ingestion's outbox producer and event-sized JSON payloads. When the tool is not on the
 * classpath, a plain KafkaProducer loop with the same settings stands in (and the result says so).
 */
final class KafkaBaseline {

    /** ingestion-service's mp.messaging.outgoing.outbox.* producer settings. */
    static final Map<String, String> OUTBOX_PRODUCER = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
            ProducerConfig.LINGER_MS_CONFIG, "5",
            ProducerConfig.BATCH_SIZE_CONFIG, "131072",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");

    private static final String TOOL = "org.apache.kafka.tools.ProducerPerformance";
    private static final String CONSUMER_TOOL = "org.apache.kafka.tools.ConsumerPerformance";
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency");

    record Result(String method, long records, double seconds, double recordsPerSecond, double mbPerSecond,
            double avgLatencyMs, int recordBytes) {
    }

    private KafkaBaseline() {
    }

    static Result run(String bootstrap, String topic, int partitions, long records, List<String> payloads,
            Path workDir) throws Exception {
        int meanBytes = (int) Math.round(payloads.stream().mapToInt(p -> p.getBytes(StandardCharsets.UTF_8).length)
                .average().orElse(0));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                if (toolAvailable()) {
                    return runTool(bootstrap, topic, records, payloads, workDir, meanBytes);
                }
                return runLoop(bootstrap, topic, records, payloads, meanBytes);
            } finally {
                try {
                    admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    System.err.println("note: scratch topic " + topic + " could not be deleted: " + e);
                }
            }
        }
    }

    static boolean toolAvailable() {
        try {
            Class.forName(TOOL, false, KafkaBaseline.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Result runTool(String bootstrap, String topic, long records, List<String> payloads, Path workDir,
            int meanBytes) throws IOException, InterruptedException {
        Path payloadFile = workDir.resolve("producer-perf-payloads.txt");
        Files.write(payloadFile, payloads, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of(
                "--topic", topic, "--num-records", String.valueOf(records), "--throughput", "-1",
                "--payload-file", payloadFile.toString(), "--producer-props", "bootstrap.servers=" + bootstrap));
        OUTBOX_PRODUCER.forEach((key, value) -> args.add(key + "=" + value));
        ToolRun run = runTool(TOOL, args);
        Matcher last = null;
        for (String line : run.lines()) {
            Matcher m = SUMMARY.matcher(line);
            if (m.find()) {
                last = m;
            }
        }
        if (run.exit() != 0 || last == null) {
            throw new IOException("ProducerPerformance failed (exit " + run.exit() + "):\n" + run.output());
        }
        long sent = Long.parseLong(last.group(1));
        double rate = Double.parseDouble(last.group(2));
        return new Result("kafka-tools ProducerPerformance", sent, sent / rate, rate,
                Double.parseDouble(last.group(3)), Double.parseDouble(last.group(4)), meanBytes);
    }

    /** What a kafka-tools tool run in a child JVM printed. */
    record ToolRun(int exit, List<String> lines) {

        String output() {
            return String.join("\n", lines);
        }
    }

    /** Runs a kafka-tools main class in a child JVM with this benchmark's classpath. */
    static ToolRun runTool(String tool, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx768m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), tool));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        }
        return new ToolRun(process.waitFor(), lines);
    }

    /**
     * Kafka's own consumer throughput ({@code kafka-tools ConsumerPerformance}) reading {@code messages} records of
     * {@code topic} from its start in a new group: records per second of fetching (the group's join left out).
     */
    static double consumerRate(String bootstrap, String topic, long messages, String group)
            throws IOException, InterruptedException {
        ToolRun run = runTool(CONSUMER_TOOL, List.of("--bootstrap-server", bootstrap, "--topic", topic,
                "--messages", String.valueOf(messages), "--group", group, "--hide-header"));
        // start.time, end.time, MB, MB.sec, nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec,
        // fetch.nMsg.sec
        String summary = run.lines().stream().filter(l -> l.split(",").length >= 10).reduce((a, b) -> b)
                .orElse(null);
        if (run.exit() != 0 || summary == null) {
            throw new IOException("ConsumerPerformance failed (exit " + run.exit() + "):\n" + run.output());
        }
        return Double.parseDouble(summary.split(",")[9].strip());
    }

    static boolean consumerToolAvailable() {
        try {
            Class.forName(CONSUMER_TOOL, false, KafkaBaseline.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The fallback: a KafkaProducer sending as fast as it can, at most 100k records in flight. */
    private static Result runLoop(String bootstrap, String topic, long records, List<String> payloads, int meanBytes)
            throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putAll(OUTBOX_PRODUCER);
        List<byte[]> values = payloads.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toList();
        Semaphore inFlight = new Semaphore(100_000);
        AtomicReference<Exception> error = new AtomicReference<>();
        long bytes = 0;
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (long i = 0; i < records && error.get() == null; i++) {
                byte[] value = values.get((int) (i % values.size()));
                bytes += value.length;
                inFlight.acquire();
                producer.send(new ProducerRecord<>(topic, value), (metadata, exception) -> {
                    if (exception != null) {
                        error.compareAndSet(null, exception);
                    }
                    inFlight.release();
                });
            }
            producer.flush();
        }
        if (error.get() != null) {
            throw error.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result("KafkaProducer loop (ProducerPerformance not on the classpath)", records, seconds,
                records / seconds, bytes / seconds / 1024 / 1024, Double.NaN, meanBytes);
    }
}
