package io.cxvalue.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

import static io.cxvalue.benchmarks.BenchSupport.loadAverage;
import static io.cxvalue.benchmarks.BenchSupport.say;

/**
 * The caller card under a constant arrival rate on the running local stack, next to a bare authenticated endpoint of
 * the same service ({@code GET /api/v1/session}) measured in the same run with the same client and token.
 *
 * <p>Seeds customers through ingestion's batch APIs (profiles with phone and e-mail, two years of purchases, recent
 * contacts, survey answers), waits until scoring-service has consumed everything (its consumer group's lag on the
 * four topics), fits a CLV model and scores everyone (analyst), then loads each endpoint open-loop with an agent's
 * token and prints throughput, p50/p90/p99/p99.9/max and failures per endpoint, the CPU of scoring-service and of this
 * process, the card/bare ratios and PASS or MISS against the target. Exit code 0 when measured (PASS or MISS), 2 when
 * the stack is not reachable, an option is wrong or the seed did not arrive.
 */
public final class CallerCardBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOPICS = List.of("cx.customers", "cx.transactions", "cx.interactions",
            "cx.feedback");
    private static final String SCORING_GROUP = "scoring-service";
    private static final int BATCH = 1000;
    /** Ingestion applies a batch's profiles one after the other (identity resolution): small batches in parallel. */
    private static final int PROFILE_BATCH = 100;
    private static final int PROFILE_PARALLEL = 8;

    private final CardBenchOptions o;
    private final HttpClient http;
    private final ProcessCpu cpu;
    private final SeedData data;
    private final List<String> notes = new ArrayList<>();
    private String[] customerIds;


    CallerCardBenchmark(CardBenchOptions o) {
        this.o = o;
        this.http = BenchSupport.httpClient();
        this.cpu = new ProcessCpu(o.pidDir);
        this.data = new SeedData(o.runId, o.seed, Instant.now());
    }

    public static void main(String[] args) {
        BenchSupport.main(args, CardBenchOptions::parse, CardBenchOptions.USAGE, options -> new CallerCardBenchmark(options).run());
    }

    int run() throws Exception {
        TokenSource agent = TokenSource.password(http, o.keycloakUrl, o.realm, o.userClient, o.agentUser, o.password);
        preflight(agent);
        Files.createDirectories(o.workDir);
        say("CX Value caller-card benchmark, run %s", o.runId);
        say("  settings: customers %,d, rate %,.0f/s, warm-up %d s, measured %d s per endpoint, %d connections, "
                + "timeout %d ms, unknown callers %.0f %%, by phone %.0f %% of the rest", o.customers, o.rate,
                o.warmupSeconds, o.durationSeconds, o.connections, o.timeoutMs, o.unknownShare * 100,
                o.phoneShare * 100);
        say("  machine: %d cores, load average %s; processes followed for CPU: %s",
                Runtime.getRuntime().availableProcessors(), loadAverage(), String.join(", ", cpu.names()));
        say("");

        customerIds = new String[o.customers];
        for (int i = 0; i < o.customers; i++) {
            customerIds[i] = data.customerId(i);
        }
        if (o.skipSeed) {
            say("seed: skipped; the %,d customers of run %s (seed %d) are expected in place", o.customers, o.runId,
                    o.seed);
        } else {
            seed();
            if (!o.skipScoring) {
                fitAndScore();
            }
        }

        Map<String, LoadRunner.Result> results = new LinkedHashMap<>();
        ScheduledExecutorService renew = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "token-renewal");
            t.setDaemon(true);
            return t;
        });
        String[] bearer = {"Bearer " + agent.get()};
        renew.scheduleWithFixedDelay(() -> {
            try {
                bearer[0] = "Bearer " + agent.get();
            } catch (Exception e) {
                System.err.println("warning: token renewal failed: " + e);
            }
        }, 5, 5, TimeUnit.SECONDS);
        try {
            if (o.phases.contains("session")) {
                results.put("session", phase("GET /api/v1/session",
                        i -> new LoadRunner.Target("/api/v1/session", "\"" + "agent" + "\""), bearer));
            }
            if (o.phases.contains("card")) {
                LoadRunner.Target[] mix = cardMix();
                results.put("card", phase("caller card (by id, by phone, unknown phones)",
                        i -> mix[(int) (i % mix.length)], bearer));
            }
        } finally {
            renew.shutdownNow();
        }
        report(results);
        return 0;
    }

    // --- preflight ------------------------------------------------------------------------------------------------

    private void preflight(TokenSource agent) throws StackNotReady, InterruptedException {
        ready("scoring-service", o.scoringUrl);
        if (!o.skipSeed) {
            ready("ingestion-service", o.ingestionUrl);
        }
        try {
            agent.get();
        } catch (IOException e) {
            throw new StackNotReady("no token for " + o.agentUser + " from Keycloak at "
                    + o.keycloakUrl + ": " + e.getMessage());
        }
    }

    private void ready(String name, String url) throws StackNotReady, InterruptedException {
        BenchSupport.requireReady(http, name, url, "start it with CX_SERVICES=ingestion,scoring ./cx up");
    }

    // --- seed -----------------------------------------------------------------------------------------------------

    private void seed() throws Exception {
        TokenSource ingest = new TokenSource(http, o.keycloakUrl, o.realm, o.clientId, o.clientSecret);
        Map<TopicPartition, Long> before;
        try (Admin admin = admin()) {
            before = endOffsets(admin);
        }
        long t0 = System.nanoTime();
        int profiled = Math.min(o.profiles, o.customers);
        say("seed: %,d customers (run-specific ids, phone and e-mail): %,d CRM profiles, then purchases (the first "
                + "names the phone and e-mail), contacts and survey answers ...", o.customers, profiled);
        long profiles = profiled == 0 ? 0 : timed("profiles", () -> sendBatches(ingest, "/api/v1/customers/batch",
                profiled, i -> List.of(data.profile(i)), PROFILE_BATCH, PROFILE_PARALLEL));
        long tx = timed("purchases", () -> sendBatches(ingest, "/api/v1/transactions/batch", o.customers,
                data::transactions, BATCH, 4));
        long contacts = timed("contacts", () -> sendBatches(ingest, "/api/v1/interactions/batch", o.customers,
                data::interactions, BATCH, 4));
        long surveys = timed("survey answers", () -> sendBatches(ingest, "/api/v1/survey-responses/batch",
                o.customers, data::surveys, BATCH, 4));
        long accepted = profiles + tx + contacts + surveys;
        double sent = (System.nanoTime() - t0) / 1e9;
        say("seed: accepted %,d profiles, %,d purchases, %,d contacts, %,d survey answers in %.1f s",
                profiles, tx, contacts, surveys, sent);
        waitUntilConsumed(before, accepted);
        say("seed: scoring-service consumed everything %.1f s after the first batch", (System.nanoTime() - t0) / 1e9);
    }

    private interface Step {
        long run() throws Exception;
    }

    private static long timed(String what, Step step) throws Exception {
        long t0 = System.nanoTime();
        long n = step.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        say("seed: %,d %s in %.1f s (%,.0f/s)", n, what, seconds, n / Math.max(seconds, 1e-9));
        return n;
    }

    /** Sends the records of customers 0..n-1 in batches of {@code size}, {@code parallel} at a time; returns the
     * accepted (or duplicate) count. */
    private long sendBatches(TokenSource tokens, String path, int n, IntFunction<List<Map<String, Object>>> records,
            int size, int parallel) throws Exception {
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        List<Map<String, Object>> current = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (Map<String, Object> r : records.apply(i)) {
                current.add(r);
                if (current.size() == size) {
                    batches.add(current);
                    current = new ArrayList<>();
                }
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int b = 0; b < batches.size(); b++) {
                List<Map<String, Object>> batch = batches.get(b);
                futures.add(pool.submit(() -> postBatch(tokens, path, batch)));
            }
            long accepted = 0;
            for (Future<Long> f : futures) {
                accepted += f.get();
            }
            return accepted;
        } finally {
            pool.shutdownNow();
        }
    }

    private long postBatch(TokenSource tokens, String path, List<Map<String, Object>> batch) throws Exception {
        byte[] body = JSON.writeValueAsBytes(batch);
        for (int attempt = 1; ; attempt++) {
            String token = tokens.get();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(o.ingestionUrl + path))
                    .timeout(Duration.ofSeconds(600))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 && attempt < 3) {
                tokens.invalidate(token);
                continue;
            }
            if ((response.statusCode() == 503 || response.statusCode() == 429) && attempt < 10) {
                Thread.sleep(1000L * attempt);
                continue;
            }
            if (response.statusCode() != 200) {
                throw new IOException("POST " + path + ": HTTP " + response.statusCode() + " " + abbreviate(
                        response.body()));
            }
            JsonNode answer = JSON.readTree(response.body());
            if (answer.path("rejected").asInt() > 0) {
                for (JsonNode item : answer.path("results")) {
                    if ("REJECTED".equals(item.path("outcome").asText())) {
                        throw new IOException("POST " + path + " rejected a record: " + item);
                    }
                }
            }
            return answer.path("accepted").asLong() + answer.path("duplicates").asLong();
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000);
        return Admin.create(p);
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(TOPICS).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()),
                        OffsetSpec.latest())));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    /**
     * Waits until the four topics have grown by at least the accepted records (ingestion's outbox has published
     * them) and scoring-service's consumer group has committed every offset (it has applied them).
     */
    private void waitUntilConsumed(Map<TopicPartition, Long> before, long accepted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.consumeTimeoutSeconds);
        long lastPrint = 0;
        try (Admin admin = admin()) {
            while (true) {
                Map<TopicPartition, Long> end = endOffsets(admin);
                long published = 0;
                for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                    published += e.getValue() - before.getOrDefault(e.getKey(), 0L);
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SCORING_GROUP)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                long lag = 0;
                for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    lag += e.getValue() - (c == null ? 0 : c.offset());
                }
                if (published >= accepted && lag == 0) {
                    return;
                }
                long now = System.nanoTime();
                if (now - deadline > 0) {
                    throw new StackNotReady(String.format(Locale.ROOT, "scoring-service did not "
                            + "consume the seed within %d s: %,d of %,d records published, lag %,d (see ./cx logs "
                            + "scoring)", o.consumeTimeoutSeconds, published, accepted, lag));
                }
                if (now - lastPrint > 10_000_000_000L) {
                    say("seed: published %,d of %,d, scoring-service lag %,d ...", published, accepted, lag);
                    lastPrint = now;
                }
                Thread.sleep(1000);
            }
        }
    }

    // --- CLV --------------------------------------------------------------------------------------------------------

    private void fitAndScore() throws Exception {
        TokenSource analyst = TokenSource.password(http, o.keycloakUrl, o.realm, o.userClient, o.analystUser,
                o.password);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        long t0 = System.nanoTime();
        HttpResponse<String> fit = post(analyst, "/api/v1/clv/models",
                "{\"calibrationEnd\":\"" + today + "\",\"timeUnit\":\"WEEKS\"}");
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        if (fit.statusCode() / 100 != 2) {
            throw new IOException("POST /api/v1/clv/models: HTTP " + fit.statusCode() + " " + abbreviate(fit.body()));
        }
        JsonNode model = JSON.readTree(fit.body());
        say("clv: model %s fitted on %s customers in %.1f s (calibration end %s)", model.path("version").asText("?"),
                model.path("customerCount").asText("?"), fitSeconds, today);
        t0 = System.nanoTime();
        HttpResponse<String> scoring = post(analyst, "/api/v1/clv/scoring-runs", null);
        double scoreSeconds = (System.nanoTime() - t0) / 1e9;
        if (scoring.statusCode() == 404 || scoring.statusCode() == 405) {
            String note = "POST /api/v1/clv/scoring-runs is not available (HTTP " + scoring.statusCode()
                    + "): the cards carry no CLV scores";
            notes.add(note);
            say("clv: %s", note);
        } else if (scoring.statusCode() / 100 != 2) {
            throw new IOException("POST /api/v1/clv/scoring-runs: HTTP " + scoring.statusCode() + " "
                    + abbreviate(scoring.body()));
        } else {
            JsonNode run = JSON.readTree(scoring.body());
            say("clv: scoring run with model %s scored %s customers (%s published) in %.1f s",
                    run.path("modelVersion").asText("?"), run.path("scored").asText("?"),
                    run.path("published").asText("?"), scoreSeconds);
        }
        say("");
    }

    private HttpResponse<String> post(TokenSource tokens, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(o.scoringUrl + path))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + tokens.get());
        if (json == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- load -------------------------------------------------------------------------------------------------------

    /**
     * The card requests, one per index modulo their number: known customers by id or by phone (national format),
     * and unknown phone numbers; a seeded customer's card must say known, an unknown number's must not.
     */
    LoadRunner.Target[] cardMix() {
        return cardMix(customerIds, data, o.seed, o.unknownShare, o.phoneShare, 100_000);
    }

    static LoadRunner.Target[] cardMix(String[] ids, SeedData data, long seed, double unknownShare,
            double phoneShare, int size) {
        SplittableRandom r = new SplittableRandom(seed);
        LoadRunner.Target[] targets = new LoadRunner.Target[size];
        for (int k = 0; k < size; k++) {
            double u = r.nextDouble();
            if (u < unknownShare) {
                targets[k] = new LoadRunner.Target("/api/v1/callers?phone="
                        + URLEncoder.encode(SeedData.unknownPhone(r.nextInt(1000)), StandardCharsets.UTF_8),
                        "\"known\":false");
            } else {
                int i = r.nextInt(ids.length);
                if (r.nextDouble() < phoneShare) {
                    targets[k] = new LoadRunner.Target("/api/v1/callers?phone="
                            + URLEncoder.encode(data.phone(i), StandardCharsets.UTF_8), "\"known\":true");
                } else {
                    targets[k] = new LoadRunner.Target("/api/v1/callers/"
                            + URLEncoder.encode(ids[i], StandardCharsets.UTF_8), "\"known\":true");
                }
            }
        }
        return targets;
    }

    /**
     * One endpoint: waits until scoring-service is idle (an earlier overloaded phase can leave a backlog that the
     * service keeps working on), then loads it through a fresh client (closing it drops its queued requests).
     */
    private LoadRunner.Result phase(String what, LongFunction<LoadRunner.Target> targets, String[] bearer)
            throws InterruptedException {
        waitUntilScoringIdle();
        say("load: %s at %,.0f/s: %d s warm-up, then %d s measured ...", what, o.rate, o.warmupSeconds,
                o.durationSeconds);
        LoadRunner.Result r;
        try (LoadRunner runner = new LoadRunner(o.scoringUrl, o.connections, o.timeoutMs)) {
            r = runner.run(o.rate, o.warmupSeconds, o.durationSeconds, targets, () -> bearer[0], cpu);
        }
        LatencyStats s = r.stats();
        say("load: %,.0f/s answered in time (%,.0f/s in all), p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms, errors %s%s",
                r.achievedRate(), r.answeredRate(), s.percentileMs(50), s.percentileMs(99), s.percentileMs(99.9),
                s.maxMs(),
                s.errorSummary(), r.warmupErrors() > 0 ? " (warm-up errors " + r.warmupErrors() + ")" : "");
        if (s.firstError() != null) {
            say("load: first failure: %s", s.firstError());
        }
        if (r.firstWarmupError() != null) {
            say("load: first warm-up failure: %s", r.firstWarmupError());
        }
        int worst = r.worstSecond();
        say("load: slowest answer in second %d of %d (%.1f ms); %d of %d seconds had an answer slower than %.0f ms",
                worst + 1, r.worstBySecond().length, r.worstBySecond()[worst] / 1e6,
                r.secondsSlowerThan((long) (o.targetP99Ms * 1e6)), r.worstBySecond().length, o.targetP99Ms);
        if (s.firstUnexpected() != null) {
            say("load: first unexpected answer: %s", s.firstUnexpected());
        }
        return r;
    }

    /** Waits (at most two minutes) until scoring-service uses less than a tenth of a core over two seconds. */
    private void waitUntilScoringIdle() throws InterruptedException {
        if (!cpu.running("scoring-service")) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            ProcessCpu.Snapshot before = cpu.snapshot();
            Thread.sleep(2000);
            Double cores = before.coresUntil(cpu.snapshot()).get("scoring-service");
            if (cores == null || cores < 0.1) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                say("load: scoring-service still uses %.2f cores with no load; measuring anyway", cores);
                return;
            }
        }
    }

    // --- report -----------------------------------------------------------------------------------------------------

    private void report(Map<String, LoadRunner.Result> results) {
        say("");
        say("Results (latency from the intended send time, in ms; %d s measured per endpoint after %d s warm-up)",
                o.durationSeconds, o.warmupSeconds);
        for (String line : table(results, o.rate)) {
            say("%s", line);
        }
        LoadRunner.Result session = results.get("session");
        LoadRunner.Result card = results.get("card");
        if (session != null && card != null) {
            say("");
            say("card / bare: p50 %.1fx, p99 %.1fx (card %.2f / %.2f ms, bare %.2f / %.2f ms)",
                    ratio(card, session, 50), ratio(card, session, 99), card.stats().percentileMs(50),
                    card.stats().percentileMs(99), session.stats().percentileMs(50), session.stats().percentileMs(99));
        }
        if (card != null) {
            say("");
            say("%s", verdict(card, o.rate, o.targetRate, o.targetP99Ms));
        }
        if (session != null && (session.stats().errors() > 0 || session.achievedRate() < 0.99 * o.rate
                || !(session.stats().percentileMs(99) < o.targetP99Ms))) {
            say("note: the bare endpoint missed the target too (p99 %.2f ms, %,.0f/s in time, %d errors): the machine "
                    + "(other load: see the load average and the machine's cores above) or the token check limits "
                    + "both, not the card alone", session.stats().percentileMs(99), session.achievedRate(),
                    session.stats().errors());
        }
        for (String note : notes) {
            say("note: %s", note);
        }
    }

    static List<String> table(Map<String, LoadRunner.Result> results, double rate) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-9s %8s %9s %8s %7s %7s %7s %7s %8s %8s %8s %9s  %s", "endpoint",
                "target/s", "achieved", "answered", "p50", "p90", "p99", "p99.9", "max", "requests", "scoring",
                "benchmark", "errors"));
        results.forEach((name, r) -> {
            LatencyStats s = r.stats();
            lines.add(String.format(Locale.ROOT, "%-9s %8.0f %9.0f %8.0f %7.2f %7.2f %7.2f %7.2f %8.1f %8d %8s %9s  %s",
                    name, rate, r.achievedRate(), r.answeredRate(), s.percentileMs(50), s.percentileMs(90),
                    s.percentileMs(99), s.percentileMs(99.9), s.maxMs(), s.total(),
                    cores(r.cores(), "scoring-service"), cores(r.cores(), "benchmark"), s.errorSummary()));
        });
        lines.add("  (achieved: 2xx answers in time per second; answered: every answer per second, late ones included;"
                + " ms from the intended send time;");
        lines.add("   scoring, benchmark: cores used during the measured window; whole machine "
                + results.values().stream().map(r -> cores(r.cores(), "machine")).toList() + ")");
        return lines;
    }

    private static String cores(Map<String, Double> cores, String name) {
        Double v = cores.get(name);
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static double ratio(LoadRunner.Result card, LoadRunner.Result bare, double p) {
        return card.stats().percentileMs(p) / bare.stats().percentileMs(p);
    }

    /** PASS when the card's p99 is under the target, nothing failed and the rate was held (within 1 %). */
    static String verdict(LoadRunner.Result card, double rate, double targetRate, double targetP99Ms) {
        LatencyStats s = card.stats();
        double p99 = s.percentileMs(99);
        boolean rateHeld = card.achievedRate() >= 0.99 * rate;
        boolean pass = rate >= targetRate && rateHeld && s.errors() == 0 && p99 < targetP99Ms;
        StringBuilder b = new StringBuilder(pass ? "PASS" : "MISS");
        b.append(String.format(Locale.ROOT, ": caller card p99 %.2f ms at %,.0f/s offered, %,.0f/s answered, %d "
                + "errors (target: p99 < %.0f ms at %,.0f/s, no errors)", p99, rate, card.achievedRate(), s.errors(),
                targetP99Ms, targetRate));
        if (rate < targetRate) {
            b.append(" - the offered rate is below the target rate: not a measurement of the target");
        }
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
