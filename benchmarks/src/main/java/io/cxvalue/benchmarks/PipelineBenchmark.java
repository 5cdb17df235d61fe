package io.cxvalue.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxvalue.contracts.Topics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static io.cxvalue.benchmarks.BenchSupport.say;

/**
 * The whole pipeline at speed, on the running local stack: a burst of interactions, with survey answers and purchases
 * of the same customers, posted through ingestion's batch endpoints; then, for every downstream consumer group that
 * is running, how long it took to apply all of it (its committed offsets reaching the topics' ends), as interactions
 * per second end to end (first request to the last consumer done) and as events per second each consumer applied
 * once ingestion had accepted the burst; next to Kafka's own consumer throughput on the same records
 * ({@code kafka-tools ConsumerPerformance}, measured in the same run). Exit code 1 when a consumer did not finish
 * within the timeout or records were refused, 2 when the stack is not reachable; a missed target is reported, not an
 * error.
 */
public final class PipelineBenchmark {

    private static final List<String> EVENT_TOPICS = List.of(Topics.INTERACTIONS, Topics.FEEDBACK,
            Topics.TRANSACTIONS);
    /** The records of the burst and the customers ingestion creates for them. */
    private static final List<String> WITH_CUSTOMERS = List.of(Topics.INTERACTIONS, Topics.FEEDBACK,
            Topics.TRANSACTIONS, Topics.CUSTOMERS);

    /** A downstream consumer group and the topics of the burst it reads. */
    record Consumer(String service, String group, List<String> topics) {
    }

    static final List<Consumer> CONSUMERS = List.of(
            new Consumer("scoring-service", "scoring-service", WITH_CUSTOMERS),
            new Consumer("experiment-service", "experiment-service", List.of(Topics.INTERACTIONS)),
            new Consumer("experiment-service", "experiment-service-outcomes", EVENT_TOPICS),
            new Consumer("reporting-service", "reporting-service-kpis", WITH_CUSTOMERS),
            new Consumer("reporting-service", "reporting-service-cells", List.of("cx.reporting.cell-changes")));

    /** The connector's auto.commit.interval.ms (its default), the resolution of the committed offsets followed. */
    private static final double COMMIT_INTERVAL_SECONDS = 5;

    private final PipelineBenchOptions o;
    private final InteractionGenerator generator;
    private final HttpClient http = BenchSupport.httpClient();
    private final TokenSource tokens;
    private final ProcessCpu cpu;

    PipelineBenchmark(PipelineBenchOptions o) {
        this.o = o;
        this.generator = InteractionGenerator.forRun(o.runId, o.customers).withLayout(o.teams, o.days);
        this.tokens = new TokenSource(http, o.keycloakUrl, o.realm, o.clientId, o.clientSecret);
        this.cpu = new ProcessCpu(o.pidDir);
    }

    public static void main(String[] args) {
        BenchSupport.main(args, PipelineBenchOptions::parse, PipelineBenchOptions.USAGE,
                options -> new PipelineBenchmark(options).run());
    }

    int run() throws Exception {
        Files.createDirectories(o.workDir);
        if (o.phase.equals("drain")) {
            return drain();
        }
        tokens.get();
        List<Consumer> consumers = CONSUMERS.stream().filter(c -> cpu.running(c.service())).toList();
        say("Pipeline benchmark, run %s: %,d interactions (+%.0f %% survey answers, +%.0f %% purchases) over %,d "
                        + "customers, %d teams and %d days, batches of %,d, %d in flight; load average %s", o.runId,
                o.interactions, o.surveyShare * 100, o.transactionShare * 100, o.customers, o.teams, o.days, o.batch,
                o.concurrency, BenchSupport.loadAverage());
        say("downstream consumer groups followed: %s", consumers.stream().map(Consumer::group).toList());
        Map<Consumer, ConsumerProgress> progress = new LinkedHashMap<>();
        for (Consumer c : consumers) {
            progress.put(c, new ConsumerProgress(o.bootstrap, c.topics(), c.group()));
        }
        try (ConsumerProgress topics = new ConsumerProgress(o.bootstrap, WITH_CUSTOMERS, "none")) {
            Map<org.apache.kafka.common.TopicPartition, Long> endsBefore = topics.endOffsets();
            long topicsBefore = endsBefore.values().stream().mapToLong(Long::longValue).sum();
            Map<Consumer, Long> committedBefore = new LinkedHashMap<>();
            for (Consumer c : consumers) {
                committedBefore.put(c, progress.get(c).committed());
            }
            ProcessCpu.Snapshot cpuBefore = cpu.snapshot();
            long t0 = System.nanoTime();
            Posted posted = post();
            long tAccepted = System.nanoTime();
            Map<Consumer, Long> committedAtAccept = new LinkedHashMap<>();
            for (Consumer c : consumers) {
                committedAtAccept.put(c, progress.get(c).committed());
            }
            say("accepted: %,d interactions, %,d survey answers, %,d purchases in %.1f s (%,.0f records/s); "
                            + "refused %,d", posted.interactions.get(), posted.surveys.get(), posted.transactions.get(),
                    (tAccepted - t0) / 1e9, posted.total() / ((tAccepted - t0) / 1e9), posted.failed.get());
            if (o.phase.equals("burst")) {
                posted.errors.forEach(e -> say("refused: %s", e));
                return posted.failed.get() == 0 ? 0 : 1;
            }
            Map<Consumer, Long> done = awaitAll(progress, t0);
            ProcessCpu.Snapshot cpuAfter = cpu.snapshot();
            long topicsAfter = topics.endOffsets().values().stream().mapToLong(Long::longValue).sum();
            double baseline = kafkaConsumerBaseline(topics, endsBefore);
            return report(posted, consumers, progress, committedBefore, committedAtAccept, done, t0, tAccepted,
                    topicsAfter - topicsBefore, baseline, cpuBefore.coresUntil(cpuAfter));
        } finally {
            progress.values().forEach(ConsumerProgress::close);
        }
    }

    // --- one service's consumers on a backlog ---------------------------------------------------------------------

    /**
     * Follows the service's consumer groups until they have applied everything. The rate judged is taken between the
     * first and the last move of the committed offsets, so the JVM's start and the group's join do not count; the
     * connector commits every 5 s, so it is judged only over at least three commits.
     */
    private int drain() throws Exception {
        List<Consumer> mine = CONSUMERS.stream().filter(c -> c.service().equals(o.drainService)).toList();
        Map<Consumer, ConsumerProgress> progress = new LinkedHashMap<>();
        for (Consumer c : mine) {
            progress.put(c, new ConsumerProgress(o.bootstrap, c.topics(), c.group()));
        }
        try {
            say("%s alone on the backlog: lag %s", o.drainService, lags(progress));
            ProcessCpu.Snapshot cpuBefore = cpu.snapshot();
            long start = System.nanoTime();
            long deadline = start + o.timeoutSeconds * 1_000_000_000L;
            Map<Consumer, long[]> seen = new LinkedHashMap<>();  // committed at start, first moved, first move at
            Map<Consumer, Long> doneAt = new LinkedHashMap<>();
            for (Map.Entry<Consumer, ConsumerProgress> e : progress.entrySet()) {
                long committed = e.getValue().committed();
                seen.put(e.getKey(), new long[] {committed, committed, -1});
            }
            long lastSay = System.nanoTime();
            while (doneAt.size() < progress.size() && System.nanoTime() < deadline) {
                for (Map.Entry<Consumer, ConsumerProgress> e : progress.entrySet()) {
                    if (doneAt.containsKey(e.getKey())) {
                        continue;
                    }
                    long[] s = seen.get(e.getKey());
                    long committed = e.getValue().committed();
                    if (s[2] < 0 && committed != s[0]) {
                        s[1] = committed;
                        s[2] = System.nanoTime();
                    }
                    if (e.getValue().lag() == 0) {
                        doneAt.put(e.getKey(), System.nanoTime());
                    }
                }
                if (System.nanoTime() - lastSay > 10_000_000_000L) {
                    say("  ... lag %s", lags(progress));
                    lastSay = System.nanoTime();
                }
                Thread.sleep(100);
            }
            boolean ok = true;
            for (Map.Entry<Consumer, ConsumerProgress> e : progress.entrySet()) {
                Long end = doneAt.get(e.getKey());
                long[] s = seen.get(e.getKey());
                long committed = e.getValue().committed();
                if (end == null) {
                    ok = false;
                    say("%-30s NOT DONE after %d s", e.getKey().group(), o.timeoutSeconds);
                    continue;
                }
                double steadySeconds = s[2] < 0 ? 0 : (end - s[2]) / 1e9;
                double steady = steadySeconds > 0 ? (committed - s[1]) / steadySeconds : 0;
                long applied = committed - s[0];
                double fromReady = applied / ((end - start) / 1e9);
                // The connector commits every 5 s: over fewer than three commits the rate between them is too coarse
                // to judge (and the rate from readiness counts work done before it).
                boolean judged = steadySeconds >= 3 * COMMIT_INTERVAL_SECONDS && applied > 10L * o.batch;
                say("%-30s %,12d events in %6.1f s from ready (%,8.0f/s); between the first and last commit %,8.0f/s "
                                + "over %.1f s: %s", e.getKey().group(), applied, (end - start) / 1e9, fromReady, steady,
                        steadySeconds, judged
                                ? String.format(Locale.ROOT, "target %,.0f: %s", o.targetConsumer,
                                        steady >= o.targetConsumer ? "PASS" : "MISS")
                                : "too short to judge (a larger --interactions makes it longer)");
            }
            say("CPU, cores used while draining: %s", formatCores(cpuBefore.coresUntil(cpu.snapshot())));
            return ok ? 0 : 1;
        } finally {
            progress.values().forEach(ConsumerProgress::close);
        }
    }

    private static String lags(Map<Consumer, ConsumerProgress> progress) throws Exception {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Consumer, ConsumerProgress> e : progress.entrySet()) {
            b.append(String.format(Locale.ROOT, "%s %,d; ", e.getKey().group(), e.getValue().lag()));
        }
        return b.toString();
    }

    // --- the burst --------------------------------------------------------------------------------------------------

    /** What ingestion accepted, by kind, and what it refused. */
    record Posted(AtomicLong interactions, AtomicLong surveys, AtomicLong transactions, AtomicLong failed,
            ConcurrentLinkedQueue<String> errors) {

        long total() {
            return interactions.get() + surveys.get() + transactions.get();
        }
    }

    private Posted post() throws InterruptedException {
        Posted posted = new Posted(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
                new ConcurrentLinkedQueue<>());
        long batches = (o.interactions + o.batch - 1) / o.batch;
        AtomicLong next = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < o.concurrency; c++) {
            Thread client = new Thread(() -> {
                long k;
                while ((k = next.getAndIncrement()) < batches) {
                    long from = k * o.batch;
                    long to = Math.min(o.interactions, from + o.batch);
                    send("/api/v1/interactions/batch", generator.jsonArray("pipe", from, to), to - from,
                            posted.interactions, posted);
                    List<String> surveys = new ArrayList<>();
                    List<String> purchases = new ArrayList<>();
                    for (long i = from; i < to; i++) {
                        if (draw(i, 1) < o.surveyShare) {
                            surveys.add(survey(i));
                        }
                        if (draw(i, 2) < o.transactionShare) {
                            purchases.add(purchase(i));
                        }
                    }
                    if (!surveys.isEmpty()) {
                        send("/api/v1/survey-responses/batch", array(surveys), surveys.size(), posted.surveys, posted);
                    }
                    if (!purchases.isEmpty()) {
                        send("/api/v1/transactions/batch", array(purchases), purchases.size(), posted.transactions,
                                posted);
                    }
                }
            }, "pipeline-client-" + c);
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            while (client.isAlive()) {
                client.join(10_000);
                if (client.isAlive()) {
                    say("  ... accepted %,d of %,d interactions", posted.interactions.get(), o.interactions);
                }
            }
        }
        return posted;
    }

    private void send(String path, byte[] body, long records, AtomicLong accepted, Posted posted) {
        try {
            JsonNode answer = BenchSupport.postBatch(http, tokens, URI.create(o.ingestionUrl + path), body);
            accepted.addAndGet(answer.path("accepted").asLong() + answer.path("duplicates").asLong());
            long refused = answer.path("rejected").asLong();
            if (refused > 0) {
                posted.failed.addAndGet(refused);
                if (posted.errors.size() < 3) {
                    posted.errors.add(path + ": " + refused + " rejected, e.g. " + answer.path("results"));
                }
            }
        } catch (Exception e) {
            posted.failed.addAndGet(records);
            if (posted.errors.size() < 3) {
                posted.errors.add(path + ": " + e.getMessage());
            }
        }
    }

    /** A uniform draw in [0, 1) fixed by the record and the purpose (so a run can be repeated). */
    private double draw(long index, int purpose) {
        long h = (index * 0x9E3779B97F4A7C15L) ^ (purpose * 0xC2B2AE3D27D4EB4FL) ^ o.runId.hashCode();
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }

    private String survey(long i) {
        int csat = 1 + (int) (draw(i, 3) * 5);
        return "{\"source\":\"bench-survey\",\"externalId\":\"pipe-" + o.runId + "-s" + i + "\",\"customerId\":\""
                + generator.customerId(i) + "\",\"respondedAt\":\"" + Instant.now().minusSeconds(60)
                + "\",\"csat\":" + csat + ",\"nps\":" + Math.min(10, csat * 2) + ",\"feltValued\":" + csat + "}";
    }

    private String purchase(long i) {
        return String.format(Locale.ROOT, "{\"source\":\"bench-billing\",\"externalId\":\"pipe-%s-t%d\","
                        + "\"customerId\":\"%s\",\"kind\":\"PURCHASE\",\"amount\":%.2f,\"currency\":\"EUR\","
                        + "\"occurredAt\":\"%s\"}", o.runId, i, generator.customerId(i), 5 + draw(i, 4) * 200,
                Instant.now().minusSeconds(60));
    }

    private static byte[] array(List<String> objects) {
        return ("[" + String.join(",", objects) + "]").getBytes(StandardCharsets.UTF_8);
    }

    // --- the consumers --------------------------------------------------------------------------------------------

    /** Waits until every group has applied everything; when each got there (System.nanoTime), -1 if it did not. */
    private Map<Consumer, Long> awaitAll(Map<Consumer, ConsumerProgress> progress, long t0) throws Exception {
        Map<Consumer, Long> done = new LinkedHashMap<>();
        long deadline = System.nanoTime() + o.timeoutSeconds * 1_000_000_000L;
        long lastSay = System.nanoTime();
        while (done.size() < progress.size()) {
            StringBuilder lags = new StringBuilder();
            for (Map.Entry<Consumer, ConsumerProgress> e : progress.entrySet()) {
                if (done.containsKey(e.getKey())) {
                    continue;
                }
                long lag = e.getValue().lag();
                if (lag == 0) {
                    done.put(e.getKey(), System.nanoTime());
                    say("  %s applied everything %.1f s after the first request", e.getKey().group(),
                            (System.nanoTime() - t0) / 1e9);
                } else {
                    lags.append(String.format(Locale.ROOT, " %s %,d", e.getKey().group(), lag));
                }
            }
            long now = System.nanoTime();
            if (now > deadline) {
                progress.keySet().forEach(c -> done.putIfAbsent(c, -1L));
                break;
            }
            if (now - lastSay > 10_000_000_000L && lags.length() > 0) {
                say("  ... lag:%s", lags);
                lastSay = now;
            }
            Thread.sleep(250);
        }
        return done;
    }

    /** Kafka's own consumer on the burst's interactions: records per second. */
    private double kafkaConsumerBaseline(ConsumerProgress topics,
            Map<org.apache.kafka.common.TopicPartition, Long> from) throws Exception {
        if (KafkaBaseline.consumerToolAvailable()) {
            try {
                return KafkaBaseline.consumerRate(o.bootstrap, Topics.INTERACTIONS, o.interactions,
                        "cx-bench-consumer-perf-" + o.runId);
            } catch (IOException e) {
                say("kafka baseline: %s; a plain KafkaConsumer loop stands in", e.getMessage());
            }
        }
        return topics.plainConsumerRate(from);
    }

    // --- the report ------------------------------------------------------------------------------------------------

    private int report(Posted posted, List<Consumer> consumers, Map<Consumer, ConsumerProgress> progress,
            Map<Consumer, Long> committedBefore, Map<Consumer, Long> committedAtAccept, Map<Consumer, Long> done,
            long t0, long tAccepted, long eventsOnTopics, double baseline, Map<String, Double> cores)
            throws Exception {
        double acceptSeconds = (tAccepted - t0) / 1e9;
        say("");
        say("%-30s %12s %10s %14s %14s %16s", "stage", "events", "seconds", "interactions/s", "events/s",
                "after last accept");
        say("%-30s %,12d %10.1f %,14.0f %,14.0f %16s", "ingestion (accepted)", posted.total(), acceptSeconds,
                posted.interactions.get() / acceptSeconds, posted.total() / acceptSeconds, "-");
        boolean allDone = true;
        double slowest = 0;
        List<String> misses = new ArrayList<>();
        for (Consumer c : consumers) {
            long at = done.get(c);
            long committed = progress.get(c).committed();
            long applied = committed - committedBefore.get(c);
            if (at < 0) {
                allDone = false;
                say("%-30s %,12d %10s %14s %14s %16s", c.group(), applied, "-", "-", "-", "NOT DONE");
                continue;
            }
            double seconds = (at - t0) / 1e9;
            double tail = (at - tAccepted) / 1e9;
            long afterAccept = committed - committedAtAccept.get(c);
            // Events it applied once ingestion had accepted everything, over the time it took: the consumer's own
            // rate when it is the one behind (the commit interval, 5 s, blurs short tails).
            double drainRate = tail > 0 ? afterAccept / tail : Double.NaN;
            slowest = Math.max(slowest, seconds);
            say("%-30s %,12d %10.1f %,14.0f %,14.0f %13.1f s", c.group(), applied, seconds,
                    posted.interactions.get() / seconds, applied / seconds, tail);
            if (!Double.isNaN(drainRate) && afterAccept > 10 * o.batch) {
                say("%-30s %12s %10s %14s %,14.0f   (%,d events in the last %.1f s)", "", "", "", "", drainRate,
                        afterAccept, tail);
                if (drainRate < o.targetConsumer) {
                    misses.add(String.format(Locale.ROOT, "%s applied %,.0f events/s after the last accept "
                            + "(target %,.0f)", c.group(), drainRate, o.targetConsumer));
                }
            }
        }
        say("%-30s %,12d %10s %14s %,14.0f %16s", "kafka consumer (baseline)", eventsOnTopics, "-", "-", baseline,
                "ConsumerPerformance, cx.interactions");
        say("");
        say("CPU, cores used over the run: %s", formatCores(cores));
        double endToEnd = slowest > 0 ? posted.interactions.get() / slowest : 0;
        say("");
        if (!posted.errors.isEmpty()) {
            posted.errors.forEach(e -> say("refused: %s", e));
        }
        say("end to end through every running consumer: %,.0f interactions/s (target %,.0f): %s", endToEnd,
                o.targetEndToEnd, endToEnd >= o.targetEndToEnd ? "PASS" : "MISS");
        misses.forEach(m -> say("MISS: %s", m));
        return allDone && posted.failed.get() == 0 ? 0 : 1;
    }

    private static String formatCores(Map<String, Double> cores) {
        StringBuilder b = new StringBuilder();
        cores.forEach((name, value) -> b.append(String.format(Locale.ROOT, "%s %.2f, ", name, value)));
        return b.length() > 2 ? b.substring(0, b.length() - 2) : "not measured";
    }
}
