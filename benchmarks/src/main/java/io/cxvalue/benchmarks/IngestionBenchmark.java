package io.cxvalue.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.Topics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.cxvalue.benchmarks.BenchSupport.loadAverage;
import static io.cxvalue.benchmarks.BenchSupport.say;

/**
 * Ingestion throughput on the running local stack, in one run: Kafka's own producer throughput (the ceiling), then
 * the batch endpoint (accepted per second as the HTTP answers show, and end to end until every accepted record is on
 * cx.interactions), then bulk imports (NDJSON, CSV) until the job completes and until every record is on the topic.
 * Checks that each record of the run reaches the topic exactly once (by externalId and by ce_id). Exit code 1 when
 * records were lost or duplicated, 2 when the stack is not reachable or an option is wrong; a missed throughput target
 * is reported (MISSED), not an error.
 */
public final class IngestionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NDJSON = "application/x-ndjson";

    /** One line of the result table. */
    record Row(String phase, long records, double seconds, boolean comparable, String note) {
        double rate() {
            return seconds > 0 ? records / seconds : 0;
        }
    }

    private final BenchOptions o;
    private final InteractionGenerator generator;
    private final HttpClient http;
    private final TokenSource tokens;
    private final ProcessCpu cpu;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Map<String, Double>> cpuByPhase = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> integrity = new ArrayList<>();
    private double baselineRate;
    private double batchEndToEndRate = -1;
    private double batchAcceptedRate = -1;
    private int eventBytes = 700;

    IngestionBenchmark(BenchOptions o) {
        this.o = o;
        this.generator = InteractionGenerator.forRun(o.runId, o.customers);
        this.http = BenchSupport.httpClient();
        this.tokens = new TokenSource(http, o.keycloakUrl, o.realm, o.clientId, o.clientSecret);
        this.cpu = new ProcessCpu(o.pidDir);
    }

    public static void main(String[] args) {
        BenchSupport.main(args, BenchOptions::parse, BenchOptions.USAGE, options -> new IngestionBenchmark(options).run());
    }

    int run() throws Exception {
        preflight();
        Files.createDirectories(o.workDir);
        printHeader();

        if (o.warmup > 0 && (o.phases.contains("batch") || o.phases.contains("baseline"))) {
            say("warm-up: %,d records through the batch endpoint (not in the figures) ...", o.warmup);
            BatchOutcome warm = batchPhase("warmup", o.warmup, false);
            say("warm-up: done in %.1f s (%,.0f records/s end to end); mean event on the topic %d bytes",
                    warm.endToEndSeconds, warm.endToEndSeconds > 0 ? o.warmup / warm.endToEndSeconds : 0,
                    eventBytes);
        }
        if (o.phases.contains("baseline")) {
            baseline();
        }
        if (o.phases.contains("batch")) {
            batchPhase("batch", o.records, true);
        }
        if (o.phases.contains("import")) {
            importPhase("import", o.importRecords, NDJSON, "ndjson");
        }
        if (o.phases.contains("csv")) {
            importPhase("csv", o.csvRecords, "text/csv", "csv");
        }
        return report();
    }

    // --- preflight -------------------------------------------------------------------------------------------------

    private void preflight() throws StackNotReady, InterruptedException {
        BenchSupport.requireReady(http, "ingestion-service", o.ingestionUrl, "start the stack with ./cx up");
        try {
            tokens.get();
        } catch (IOException e) {
            throw new StackNotReady("no token from Keycloak at " + o.keycloakUrl + ": " + e.getMessage());
        }
    }

    private void printHeader() {
        say("CX Value ingestion benchmark, run %s", o.runId);
        say("  settings: records %,d, concurrency %d, batch %d, warm-up %,d, NDJSON import %,d, CSV import %,d, "
                + "baseline %,d, customers %,d", o.records, o.concurrency, o.batch, o.warmup, o.importRecords,
                o.csvRecords, o.baselineRecords, o.customers);
        say("  machine: %d cores, load average %s; MongoDB backend: %s", Runtime.getRuntime().availableProcessors(),
                loadAverage(), o.mongoBackend);
        say("  processes followed for CPU: %s", String.join(", ", cpu.names()));
        List<String> consumers = cpu.names().stream()
                .filter(n -> List.of("scoring-service", "experiment-service", "reporting-service").contains(n))
                .toList();
        if (!consumers.isEmpty()) {
            say("  note: %s also consume cx.interactions and share the cores; CX_SERVICES=ingestion ./cx up measures "
                    + "ingestion alone", String.join(", ", consumers));
        }
        say("");
    }

    // --- Kafka baseline --------------------------------------------------------------------------------------------

    private void baseline() throws Exception {
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            payloads.add(generator.eventLike(i, eventBytes));
        }
        String topic = "cx.bench.producer-perf." + o.runId;
        say("kafka baseline: %,d records of ~%d bytes to scratch topic %s (%d partitions) ...", o.baselineRecords,
                eventBytes, topic, o.partitions);
        ProcessCpu.Snapshot before = cpu.snapshot();
        KafkaBaseline.Result r = KafkaBaseline.run(o.bootstrap, topic, o.partitions, o.baselineRecords, payloads,
                o.workDir);
        cpuByPhase.put("kafka baseline", before.coresUntil(cpu.snapshot()));
        baselineRate = r.recordsPerSecond();
        rows.add(new Row("kafka producer baseline", r.records(), r.seconds(), true,
                String.format(Locale.ROOT, "%s; %.1f MB/s, %d B/record, avg latency %.0f ms; acks=all, idempotent, "
                        + "lz4, linger 5 ms, 128 KiB batches", r.method(), r.mbPerSecond(), r.recordBytes(),
                        r.avgLatencyMs())));
        say("kafka baseline: %,.0f records/s (%.1f MB/s) with %s", r.recordsPerSecond(), r.mbPerSecond(), r.method());
    }

    // --- batch endpoint --------------------------------------------------------------------------------------------

    record BatchOutcome(long accepted, double acceptedSeconds, double endToEndSeconds) {
    }

    private BatchOutcome batchPhase(String phase, long count, boolean measured) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (long from = 0; from < count; from += o.batch) {
            bodies.add(generator.jsonArray(phase, from, Math.min(count, from + o.batch)));
        }
        long bodyBytes = bodies.stream().mapToLong(b -> b.length).sum();
        URI uri = URI.create(o.ingestionUrl + "/api/v1/interactions/batch");
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> sampleIds = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

        try (TopicWatcher watcher = new TopicWatcher(o.bootstrap, Topics.INTERACTIONS, generator.prefix(phase),
                CloudEventHeaders.ID)) {
            watcher.expect(count);
            ProcessCpu.Snapshot before = cpu.snapshot();
            long start = System.nanoTime();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < o.concurrency; c++) {
                Thread t = new Thread(() -> {
                    int k;
                    while ((k = next.getAndIncrement()) < bodies.size()) {
                        byte[] body = bodies.get(k);
                        int size = (int) Math.min(o.batch, count - (long) k * o.batch);
                        long t0 = System.nanoTime();
                        try {
                            JsonNode answer = BenchSupport.postBatch(http, tokens, uri, body);
                            latencies.add(System.nanoTime() - t0);
                            accepted.addAndGet(answer.path("accepted").asLong());
                            duplicates.addAndGet(answer.path("duplicates").asLong());
                            long rej = answer.path("rejected").asLong();
                            rejected.addAndGet(rej);
                            JsonNode results = answer.path("results");
                            if (k % 10 == 0 && results.size() > 0 && results.get(0).hasNonNull("id")) {
                                sampleIds.add(results.get(0).get("id").asText());
                            }
                            if (rej > 0 && errors.size() < 3) {
                                for (JsonNode item : results) {
                                    if ("REJECTED".equals(item.path("outcome").asText())) {
                                        errors.add("rejected: " + item.path("violations"));
                                        break;
                                    }
                                }
                            }
                        } catch (Exception e) {
                            failed.addAndGet(size);
                            if (errors.size() < 3) {
                                errors.add(e.getMessage());
                            }
                        }
                    }
                }, "batch-client-" + c);
                t.start();
                clients.add(t);
            }
            for (Thread t : clients) {
                while (t.isAlive()) {
                    t.join(10_000);
                    if (t.isAlive()) {
                        say("  ... %s: %,d of %,d accepted, %,d on the topic", phase, accepted.get(), count,
                                watcher.distinctExternalIds());
                    }
                }
            }
            long httpDone = System.nanoTime();
            say("  ... %s: all %,d requests answered in %.1f s; waiting for the records on the topic", phase,
                    bodies.size(), (httpDone - start) / 1e9);
            watcher.expect(accepted.get());
            long reached = watcher.await(Duration.ofSeconds(o.idleTimeoutSeconds));
            ProcessCpu.Snapshot after = cpu.snapshot();
            Thread.sleep(2000); // late duplicates would still be counted
            double httpSeconds = (httpDone - start) / 1e9;
            double e2eSeconds = reached == 0 ? -1 : (reached - start) / 1e9;
            if (watcher.meanValueBytes() > 0) {
                eventBytes = (int) Math.round(watcher.meanValueBytes());
            }
            String label = measured ? "batch" : "warm-up";
            checkIntegrity(label, count, accepted.get(), duplicates.get(), rejected.get(), failed.get(), watcher);
            errors.forEach(e -> problems.add(label + ": " + e));
            if (!measured) {
                return new BatchOutcome(accepted.get(), httpSeconds, e2eSeconds);
            }
            cpuByPhase.put("batch (to the last record on the topic)", before.coresUntil(after));
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            String stored = checkStored(sampleIds);
            batchAcceptedRate = accepted.get() / httpSeconds;
            rows.add(new Row("batch: accepted (HTTP answers)", accepted.get(), httpSeconds, true,
                    String.format(Locale.ROOT, "%d requests of %d by %d clients, %.1f MB sent; request p50 %.0f ms, "
                                    + "p99 %.0f ms; duplicates %d, rejected %d, failed %d; %s", bodies.size(), o.batch,
                            o.concurrency, bodyBytes / 1e6, percentile(sorted, 0.5), percentile(sorted, 0.99),
                            duplicates.get(), rejected.get(), failed.get(), stored)));
            if (e2eSeconds > 0) {
                batchEndToEndRate = accepted.get() / e2eSeconds;
                rows.add(new Row("batch: end to end (on cx.interactions)", accepted.get(), e2eSeconds, true,
                        String.format(Locale.ROOT, "first request to last record on the topic; relay tail %.1f s "
                                + "after the last answer", (reached - httpDone) / 1e9)));
            } else {
                batchEndToEndRate = 0;
                rows.add(new Row("batch: end to end (on cx.interactions)", watcher.distinctExternalIds(), -1, false,
                        "INCOMPLETE: not all accepted records reached the topic"));
            }
            return new BatchOutcome(accepted.get(), httpSeconds, e2eSeconds);
        }
    }

    /** Reads a few accepted interactions back through GET /api/v1/interactions/{id}. */
    private String checkStored(Iterable<String> ids) {
        int asked = 0;
        int found = 0;
        for (String id : ids) {
            asked++;
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create(o.ingestionUrl + "/api/v1/interactions/" + id))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + tokens.get()).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    found++;
                }
            } catch (Exception e) {
                // counted as not found
            }
        }
        if (asked > 0 && found < asked) {
            problems.add("batch: only " + found + " of " + asked + " sampled accepted interactions could be read back");
        }
        return "read back " + found + "/" + asked + " sampled";
    }

    // --- bulk import -----------------------------------------------------------------------------------------------

    private void importPhase(String phase, long count, String contentType, String format) throws Exception {
        String label = "import " + format.toUpperCase(Locale.ROOT);
        Path file = o.workDir.resolve(o.runId + "-" + phase + "." + format);
        long w0 = System.nanoTime();
        long size = format.equals("csv") ? generator.writeCsv(phase, count, file)
                : generator.writeNdjson(phase, count, file);
        say("%s: wrote %,d records (%.1f MB) to %s in %.1f s; uploading ...", label, count, size / 1e6, file,
                (System.nanoTime() - w0) / 1e9);
        try (TopicWatcher watcher = new TopicWatcher(o.bootstrap, Topics.INTERACTIONS, generator.prefix(phase),
                CloudEventHeaders.ID)) {
            watcher.expect(count);
            ProcessCpu.Snapshot before = cpu.snapshot();
            long start = System.nanoTime();
            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(
                            URI.create(o.ingestionUrl + "/api/v1/imports/interactions"))
                    .timeout(Duration.ofMinutes(10))
                    .header("Authorization", "Bearer " + tokens.get())
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            long uploaded = System.nanoTime();
            int status = upload.statusCode();
            if (status == 404 || status == 405 || status == 415 || status == 501) {
                rows.add(new Row(label, count, -1, false, "not available: POST /api/v1/imports/interactions answered "
                        + status + " (this ingestion-service has no bulk import yet)"));
                say("%s: not available (HTTP %d)", label, status);
                return;
            }
            if (status != 202) {
                problems.add(label + ": upload answered HTTP " + status + ": " + abbreviate(upload.body()));
                rows.add(new Row(label, count, -1, false, "FAILED: upload answered HTTP " + status));
                return;
            }
            String jobId = JSON.readTree(upload.body()).path("jobId").asText();
            JsonNode job = pollJob(jobId);
            long completed = System.nanoTime();
            String state = job.path("state").asText();
            long accepted = job.path("accepted").asLong();
            long duplicates = job.path("duplicates").asLong();
            long rejected = job.path("rejected").asLong();
            double uploadSeconds = (uploaded - start) / 1e9;
            rows.add(new Row(label + ": upload", count, uploadSeconds, false,
                    String.format(Locale.ROOT, "%.1f MB at %.1f MB/s, answered 202 with job %s", size / 1e6,
                            size / 1e6 / uploadSeconds, jobId)));
            if (!state.equals("COMPLETED")) {
                problems.add(label + ": job " + jobId + " ended " + state + ": " + abbreviate(job.toString()));
                rows.add(new Row(label + ": job", job.path("processed").asLong(), -1, false,
                        "FAILED: job state " + state + " " + job.path("error").asText("")));
                return;
            }
            double jobSeconds = seconds(job.path("startedAt").asText(null), job.path("finishedAt").asText(null));
            rows.add(new Row(label + ": job (service's own figures)", job.path("processed").asLong(), jobSeconds, true,
                    String.format(Locale.ROOT, "recordsPerSecond %.1f; accepted %d, duplicates %d, rejected %d%s",
                            job.path("recordsPerSecond").asDouble(), accepted, duplicates, rejected,
                            rejected > 0 ? "; first rejection " + abbreviate(job.path("rejections").path(0).toString())
                                    : "")));
            rows.add(new Row(label + ": upload to COMPLETED (wall)", accepted, (completed - start) / 1e9, true,
                    "what a client waits for: upload, queue and job (polled every 250 ms)"));
            watcher.expect(accepted);
            long reached = watcher.await(Duration.ofSeconds(o.idleTimeoutSeconds));
            ProcessCpu.Snapshot after = cpu.snapshot();
            Thread.sleep(2000);
            cpuByPhase.put(label + " (to the last record on the topic)", before.coresUntil(after));
            if (reached > 0) {
                rows.add(new Row(label + ": end to end (on cx.interactions)", accepted, (reached - start) / 1e9, true,
                        String.format(Locale.ROOT, "upload start to last record on the topic; relay tail %.1f s "
                                + "after COMPLETED", Math.max(0, reached - completed) / 1e9)));
            } else {
                rows.add(new Row(label + ": end to end (on cx.interactions)", watcher.distinctExternalIds(), -1, false,
                        "INCOMPLETE: not all accepted records reached the topic"));
            }
            checkIntegrity(label, count, accepted, duplicates, rejected, 0, watcher);
        } catch (IOException e) {
            problems.add(label + ": " + e);
            rows.add(new Row(label, count, -1, false, "FAILED: " + e.getMessage()));
        } finally {
            if (!o.keepFiles) {
                Files.deleteIfExists(file);
            }
        }
    }

    private JsonNode pollJob(String jobId) throws IOException, InterruptedException {
        URI uri = URI.create(o.ingestionUrl + "/api/v1/imports/" + jobId);
        long lastProgress = System.nanoTime();
        long lastReport = lastProgress;
        long processed = -1;
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + tokens.get()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered HTTP " + r.statusCode() + ": " + abbreviate(r.body()));
            }
            JsonNode job = JSON.readTree(r.body());
            String state = job.path("state").asText();
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return job;
            }
            long now = System.nanoTime();
            if (now - lastReport > Duration.ofSeconds(10).toNanos()) {
                say("  ... job %s: %s, %,d processed", jobId, state, job.path("processed").asLong());
                lastReport = now;
            }
            if (job.path("processed").asLong() != processed) {
                processed = job.path("processed").asLong();
                lastProgress = now;
            } else if (now - lastProgress > Duration.ofSeconds(o.idleTimeoutSeconds).toNanos()) {
                throw new IOException("job " + jobId + " made no progress for " + o.idleTimeoutSeconds + " s: " + job);
            }
            Thread.sleep(250);
        }
    }

    private static double seconds(String from, String to) {
        if (from == null || to == null) {
            return -1;
        }
        return Duration.between(Instant.parse(from), Instant.parse(to)).toNanos() / 1e9;
    }

    // --- checks and report -----------------------------------------------------------------------------------------

    private void checkIntegrity(String label, long sent, long accepted, long duplicates, long rejected, long failed,
            TopicWatcher watcher) {
        long onTopic = watcher.records();
        long distinctIds = watcher.distinctExternalIds();
        long distinctCeIds = watcher.distinctCeIds();
        boolean stored = accepted == sent && duplicates == 0 && rejected == 0 && failed == 0;
        boolean topic = onTopic == accepted && distinctIds == accepted && distinctCeIds == accepted;
        integrity.add(String.format(Locale.ROOT, "%-13s sent %,d: stored (accepted) %,d, duplicates %d, rejected %d, "
                        + "failed %d; on the topic %,d records, %,d distinct externalIds, %,d distinct ce_ids -> %s",
                label, sent, accepted, duplicates, rejected, failed, onTopic, distinctIds, distinctCeIds,
                stored && topic ? "OK" : (topic ? "NOT ALL STORED" : describeTopicProblem(accepted, onTopic,
                        distinctIds, distinctCeIds))));
        if (!stored) {
            problems.add(label + ": " + (sent - accepted) + " of " + sent + " records were not stored as new");
        }
        if (!topic) {
            problems.add(label + ": " + describeTopicProblem(accepted, onTopic, distinctIds, distinctCeIds));
        }
    }

    private static String describeTopicProblem(long accepted, long onTopic, long distinctIds, long distinctCeIds) {
        List<String> parts = new ArrayList<>();
        if (distinctIds < accepted) {
            parts.add("MISSING " + (accepted - distinctIds) + " on the topic");
        }
        if (onTopic > distinctIds || onTopic > distinctCeIds) {
            parts.add("DUPLICATED " + (onTopic - Math.min(distinctIds, distinctCeIds)) + " on the topic");
        }
        if (distinctCeIds != distinctIds) {
            parts.add("ce_ids " + distinctCeIds + " != externalIds " + distinctIds);
        }
        if (distinctIds > accepted) {
            parts.add("more records than accepted");
        }
        return String.join(", ", parts);
    }

    private int report() {
        say("");
        say("RESULTS (run %s; MongoDB backend %s; %d cores shared by the whole stack and this benchmark)", o.runId,
                o.mongoBackend, Runtime.getRuntime().availableProcessors());
        String format = "%-48s %10s %9s %12s %9s  %s%n";
        System.out.printf(format, "PHASE", "RECORDS", "SECONDS", "RECORDS/S", "VS KAFKA", "NOTES");
        for (Row row : rows) {
            boolean timed = row.seconds() > 0;
            String ratio = timed && row.comparable() && baselineRate > 0
                    ? String.format(Locale.ROOT, "%.2fx", row.rate() / baselineRate) : "-";
            System.out.printf(Locale.ROOT, format, row.phase(), String.format(Locale.ROOT, "%,d", row.records()),
                    timed ? String.format(Locale.ROOT, "%.2f", row.seconds()) : "-",
                    timed ? String.format(Locale.ROOT, "%,.0f", row.rate()) : "-", ratio, row.note());
        }
        if (!cpuByPhase.isEmpty()) {
            say("");
            say("CPU (cores in use on average; the machine has %d)", Runtime.getRuntime().availableProcessors());
            List<String> names = new ArrayList<>(cpu.names());
            names.add("machine");
            StringBuilder header = new StringBuilder(String.format("%-48s", "PHASE"));
            names.forEach(n -> header.append(String.format(" %10s", shortName(n))));
            say("%s", header);
            cpuByPhase.forEach((phase, cores) -> {
                StringBuilder line = new StringBuilder(String.format("%-48s", phase));
                names.forEach(n -> line.append(cores.containsKey(n)
                        ? String.format(Locale.ROOT, " %10.2f", cores.get(n)) : String.format(" %10s", "-")));
                say("%s", line);
            });
        }
        say("");
        say("INTEGRITY (each record of this run on cx.interactions exactly once)");
        integrity.forEach(line -> say("  %s", line));
        if (!problems.isEmpty()) {
            say("");
            say("PROBLEMS");
            problems.forEach(p -> say("  %s", p));
        }
        say("");
        if (batchEndToEndRate >= 0) {
            boolean met = batchEndToEndRate >= o.target;
            say("TARGET: batch path >= %,.0f interactions/s end to end (accepted, stored and on the topic): %s "
                            + "(%,.0f/s end to end, %,.0f/s accepted)", o.target, met ? "MET" : "MISSED",
                    batchEndToEndRate, batchAcceptedRate);
        } else {
            say("TARGET: batch phase not run");
        }
        if (!"memory".equals(o.mongoBackend)) {
            say("note: MongoDB runs with the %s backend; for throughput figures use the memory backend: "
                    + "./cx down && CX_MONGO_BACKEND=memory ./cx up", o.mongoBackend);
        }
        say("note: producer, broker, services, MongoDB and this benchmark share one machine; other load on it makes "
                + "these figures pessimistic (load average now %s)", loadAverage());
        boolean lostOrDuplicated = problems.stream().anyMatch(p -> p.contains("MISSING") || p.contains("DUPLICATED")
                || p.contains("not stored") || p.contains("more records than accepted"));
        return lostOrDuplicated ? 1 : 0;
    }

    private static String shortName(String name) {
        return name.replace("-service", "");
    }

    static double percentile(List<Long> sortedNanos, double p) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sortedNanos.size() - 1, Math.ceil(p * sortedNanos.size()) - 1);
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    private static String abbreviate(String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
