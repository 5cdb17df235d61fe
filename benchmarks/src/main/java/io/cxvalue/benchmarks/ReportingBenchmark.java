package io.cxvalue.benchmarks;

import static io.cxvalue.benchmarks.BenchSupport.say;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.CommentTerm;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.Sale;
import io.cxvalue.contracts.events.SurveyResponded;
import org.apache.kafka.common.TopicPartition;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * reporting-service on the running local stack, in three phases:
 * <ol>
 *   <li><b>seed</b>: a year of contacts (and survey answers) straight to the topics in time order, as a contact centre
 *       produces them; the rate at which reporting applies them, next to a plain consumer reading the same records;</li>
 *   <li><b>query</b>: the KPIs of one team (a different team per request), the whole year, daily buckets, grouped by
 *       agent, at a constant arrival rate, next to the bare authenticated {@code GET /api/v1/session} at the same
 *       rate;</li>
 *   <li><b>freshness</b>: interactions posted through ingestion's batch endpoint at a sustained rate, with probe
 *       interactions (each in a team of its own) whose arrival in the KPIs is timed from just before their POST;</li>
 *   <li><b>analyses</b>: each analysis over all the run's teams, timed one request at a time (after one unmeasured),
 *       next to the bare {@code GET /api/v1/session}: the spikes of the last 92 days with what drove them and the
 *       experience in them, and the volume series; the spikes found are checked against those planted in the
 *       seed (every {@code --spike-every-days}, 30 minutes of five times the usual volume, reason 'outage').</li>
 * </ol>
 * Exit code 0 when measured (PASS or MISS printed), 1 when a figure read back is wrong, 2 on a setup error.
 */
public final class ReportingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOPICS = List.of("cx.interactions", "cx.feedback", "cx.quality",
            "cx.transactions", "cx.customers");
    private static final String GROUP = "reporting-service-kpis";
    /** The second leg: the contacts' KPI cells, updated from reporting-service's own topic. */
    private static final String CELL_GROUP = "reporting-service-cells";
    private static final List<String> CELL_TOPICS = List.of(io.cxvalue.contracts.Topics.REPORTING_CELL_CHANGES);
    private static final String SOURCE = "/reporting-benchmark";
    private static final String[] REASONS = {"billing", "technical", "cancellation", "sales", "moving", "delivery"};
    private static final String MEASURES = "contacts_handled,aht,fcr_rate,csat";
    private static final int SPIKE_FACTOR = 5;
    private static final Duration SPIKE_LENGTH = Duration.ofMinutes(30);
    /** Days the analyses cover (the spikes and quarter-hour volume; the minute volume covers 7). */
    private static final int ANALYSIS_DAYS = 92;
    private static final int ANALYSIS_REPEATS = 5;

    private final ReportingBenchOptions o;
    private final HttpClient http = BenchSupport.httpClient();
    private final ProcessCpu cpu;
    private final LocalDate end = LocalDate.now(ZoneOffset.UTC);
    private final LocalDate start;
    private final List<String> notes = new ArrayList<>();
    private final List<Instant> spikes;

    ReportingBenchmark(ReportingBenchOptions o) {
        this.o = o;
        this.cpu = new ProcessCpu(o.pidDir);
        this.start = end.minusDays(o.days);
        this.spikes = plantedSpikes();
    }

    public static void main(String[] args) {
        BenchSupport.main(args, ReportingBenchOptions::parse, ReportingBenchOptions.USAGE,
                options -> new ReportingBenchmark(options).run());
    }

    int run() throws Exception {
        BenchSupport.requireReady(http, "reporting-service", o.reportingUrl,
                "start the stack with CX_SERVICES=ingestion,reporting ./cx up");
        TokenSource analyst = TokenSource.password(http, o.keycloakUrl, o.realm, o.userClient, o.analystUser,
                o.password);
        say("Reporting benchmark: run %s; %,d contacts over %d days (%s to %s), %d teams x %d agents; load average %s",
                o.runId, o.contacts, o.days, start, end, o.teams, o.agentsPerTeam, BenchSupport.loadAverage());
        boolean right = true;
        if (o.phases.contains("seed")) {
            right = seed(analyst);
        }
        LoadRunner.Result bare = null;
        LoadRunner.Result query = null;
        if (o.phases.contains("query")) {
            bare = load("bare GET /api/v1/session", analyst, i -> new LoadRunner.Target("/api/v1/session",
                    "\"analyst\""));
            query = load("KPIs: one team, " + o.days + " days, daily, by agent", analyst, i -> new LoadRunner.Target(
                    kpiUri(team((int) (i % o.teams))), "\"rows\""));
        }
        List<Double> freshnessMs = o.phases.contains("freshness") ? freshness(analyst) : List.of();
        report(bare, query, freshnessMs);
        if (o.phases.contains("analyses")) {
            right &= analyses(analyst);
        }
        return right ? 0 : 1;
    }

    // --- seed ---------------------------------------------------------------------------------------------------

    private boolean seed(TokenSource analyst) throws Exception {
        try (ConsumerProgress progress = new ConsumerProgress(o.bootstrap, TOPICS, GROUP);
                ConsumerProgress cells = new ConsumerProgress(o.bootstrap, CELL_TOPICS, CELL_GROUP)) {
            Map<TopicPartition, Long> before = progress.endOffsets();
            ProcessCpu.Snapshot cpuBefore = cpu.snapshot();
            long t0 = System.nanoTime();
            long[] handledPerTeam = new long[o.teams];
            long produced = produce(handledPerTeam);
            double produceSeconds = (System.nanoTime() - t0) / 1e9;
            say("seed: produced %,d events in %.1f s (%,.0f/s)", produced, produceSeconds, produced / produceSeconds);
            double eventSeconds = progress.awaitNoLag(t0, o.consumeTimeoutSeconds,
                    "reporting-service (see ./cx logs reporting)");
            // Every cell change is on its topic before the events that caused it are committed.
            double applySeconds = cells.awaitNoLag(t0, o.consumeTimeoutSeconds,
                    "reporting-service's cell updates (see ./cx logs reporting)");
            say("seed: events applied to the contacts after %.1f s, cells updated after %.1f s", eventSeconds,
                    applySeconds);
            Map<String, Double> cores = cpuBefore.coresUntil(cpu.snapshot());
            double applyRate = produced / applySeconds;
            double baseline = progress.plainConsumerRate(before);
            say("");
            say("%-52s %14s %12s", "", "events/s", "vs baseline");
            say("%-52s %,14.0f %12s", "baseline: plain Kafka consumer, same records", baseline, "1.00");
            say("%-52s %,14.0f %12.3f", "reporting-service applies them (rollups included)", applyRate,
                    applyRate / baseline);
            say("CPU (cores) while applying: %s", cores);
            return check(analyst, handledPerTeam);
        }
    }

    /** The year's contacts in time order; counts the handled contacts per team (what the KPIs must show). */
    private long produce(long[] handledPerTeam) throws Exception {
        SplittableRandom random = new SplittableRandom(o.seed);
        long seconds = (long) o.days * 86_400;
        Instant t0 = start.atStartOfDay(ZoneOffset.UTC).toInstant();
        int customersPerTeam = Math.max(1, o.contacts / 3 / o.teams);
        EventProducer producer = new EventProducer(o.bootstrap, SOURCE);
        try (producer) {
            for (int i = 0; i < o.contacts; i++) {
                Instant at = t0.plusSeconds((long) ((i + 0.5) * seconds / o.contacts));
                int team = random.nextInt(o.teams);
                String customer = "rb-" + o.runId + "-c" + team + "-" + random.nextInt(customersPerTeam);
                boolean abandoned = random.nextDouble() < 0.08;
                InteractionRecorded contact = contact("rb-" + o.runId + "-" + i, customer, team, at, abandoned,
                        null, random);
                if (!abandoned) {
                    handledPerTeam[team]++;
                }
                List<CxEvent> events = new ArrayList<>(2);
                events.add(contact);
                if (inPlantedSpike(at)) {
                    // Four more contacts for each usual one: five times the usual volume, about an outage.
                    for (int k = 1; k < SPIKE_FACTOR; k++) {
                        int extraTeam = random.nextInt(o.teams);
                        boolean gaveUp = random.nextDouble() < 0.3;
                        events.add(contact("rb-" + o.runId + "-" + i + "-s" + k, "rb-" + o.runId + "-c" + extraTeam
                                + "-" + random.nextInt(customersPerTeam), extraTeam, at.plusSeconds(k), gaveUp,
                                "outage", random));
                        if (!gaveUp) {
                            handledPerTeam[extraTeam]++;
                        }
                    }
                }
                if (!abandoned && random.nextDouble() < o.surveyShare) {
                    // A third of the answers come with a comment (its terms, as ingestion publishes them).
                    events.add(new SurveyResponded("rs-" + contact.interactionId(), "bench",
                            "rs-" + contact.interactionId(), customer, contact.interactionId(),
                            at.plusSeconds(3600), 1 + random.nextInt(5), random.nextInt(11), 1 + random.nextInt(7),
                            1 + random.nextInt(5), null, random.nextDouble() < 1 / 3.0 ? commentTerms(random) : null));
                }
                events.forEach(producer::send);
                if (i > 0 && i % 200_000 == 0) {
                    say("seed: producing, %,d contacts ...", i);
                }
            }
        }
        return producer.sent();
    }

    private InteractionRecorded contact(String id, String customer, int team, Instant at, boolean abandoned,
            String reason, SplittableRandom random) {
        double c = random.nextDouble();
        Channel channel = c < 0.6 ? Channel.VOICE : c < 0.85 ? Channel.CHAT : Channel.EMAIL;
        Integer queue = channel == Channel.EMAIL ? null
                : abandoned ? 30 + random.nextInt(90) : random.nextInt(60);
        boolean offered = !abandoned && random.nextDouble() < 0.1;
        boolean accepted = offered && random.nextDouble() < 0.3;
        Sale sale = offered ? new Sale(true, accepted, "plan-xl",
                accepted ? BigDecimal.valueOf(10 + random.nextInt(90)) : null, accepted ? "EUR" : null) : null;
        return new InteractionRecorded(id, "bench", id, customer, channel, Direction.INBOUND, at, queue,
                abandoned ? null : 60 + random.nextInt(840), abandoned ? null : random.nextInt(60),
                abandoned ? null : random.nextInt(120), abandoned,
                abandoned ? null : "rb-agent-" + team + "-" + random.nextInt(o.agentsPerTeam), team(team), "care",
                reason != null ? reason : REASONS[random.nextInt(REASONS.length)], !abandoned && random.nextDouble() < 0.1 ? 1 : 0,
                abandoned ? null : random.nextDouble() < 0.8, null, sale, null, null);
    }

    /** Each team's handled contacts over the year, read through the API, must be what was produced. */
    private boolean check(TokenSource analyst, long[] handledPerTeam) throws Exception {
        boolean right = true;
        for (int t = 0; t < o.teams; t++) {
            JsonNode answer = get(analyst, o.reportingUrl + "/api/v1/kpis?granularity=month&from=" + start + "&to="
                    + end.plusDays(1) + "&team=" + team(t) + "&measures=contacts_handled");
            long handled = 0;
            for (JsonNode row : answer.path("rows")) {
                handled += row.path("measures").path("contacts_handled").path("value").asLong();
            }
            if (handled != handledPerTeam[t]) {
                say("WRONG: team %s shows %,d handled contacts, %,d were produced", team(t), handled,
                        handledPerTeam[t]);
                right = false;
            }
        }
        say("seed: every team's handled contacts read back through the API: %s", right ? "as produced" : "WRONG");
        return right;
    }

    /** The starts of the planted spikes: every --spike-every-days from the third day, at a varying daytime hour. */
    private List<Instant> plantedSpikes() {
        List<Instant> out = new ArrayList<>();
        Instant t0 = start.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int d = 3; d < o.days && o.spikeEveryDays > 0; d += o.spikeEveryDays) {
            out.add(t0.plus(Duration.ofDays(d)).plus(Duration.ofMinutes(8 * 60 + (d * 37L) % 540)));
        }
        return out;
    }

    private boolean inPlantedSpike(Instant at) {
        for (Instant s : spikes) {
            if (!at.isBefore(s) && at.isBefore(s.plus(SPIKE_LENGTH))) {
                return true;
            }
        }
        return false;
    }

    // --- query --------------------------------------------------------------------------------------------------

    private String kpiUri(String team) {
        return "/api/v1/kpis?granularity=day&from=" + start + "&to=" + end + "&team=" + team
                + "&groupBy=agent&measures=" + MEASURES + "&size=" + o.pageSize;
    }

    private String team(int k) {
        return "rb-team-" + o.runId + "-" + k;
    }

    private LoadRunner.Result load(String what, TokenSource token, java.util.function.LongFunction<LoadRunner.Target>
            targets) throws Exception {
        String[] bearer = {"Bearer " + token.get()};
        ScheduledExecutorService renew = Executors.newSingleThreadScheduledExecutor();
        renew.scheduleWithFixedDelay(() -> {
            try {
                bearer[0] = "Bearer " + token.get();
            } catch (Exception e) {
                System.err.println("warning: token renewal failed: " + e);
            }
        }, 5, 5, TimeUnit.SECONDS);
        say("load: %s at %,.0f/s: %d s warm-up, then %d s measured ...", what, o.queryRate, o.warmupSeconds,
                o.durationSeconds);
        try (LoadRunner runner = new LoadRunner(o.reportingUrl, o.connections, o.timeoutMs)) {
            LoadRunner.Result r = runner.run(o.queryRate, o.warmupSeconds, o.durationSeconds, targets,
                    () -> bearer[0], cpu);
            LatencyStats s = r.stats();
            say("load: %,.0f/s answered in time, p50 %.2f ms, p99 %.2f ms, max %.1f ms, errors %s", r.achievedRate(),
                    s.percentileMs(50), s.percentileMs(99), s.maxMs(), s.errorSummary());
            if (s.firstError() != null) {
                say("load: first failure: %s", s.firstError());
            }
            if (s.firstUnexpected() != null) {
                say("load: first unexpected answer: %s", s.firstUnexpected());
            }
            return r;
        } finally {
            renew.shutdownNow();
        }
    }

    // --- freshness ----------------------------------------------------------------------------------------------

    /** Posts the load and the probes; each probe's milliseconds from just before its POST until the KPIs show it. */
    private List<Double> freshness(TokenSource analyst) throws Exception {
        TokenSource gateway = new TokenSource(http, o.keycloakUrl, o.realm, o.clientId, o.clientSecret);
        InteractionGenerator generator = InteractionGenerator.forRun(o.runId, 50_000);
        int batch = 100;
        double batchesPerSecond = o.freshnessRate / batch;
        int seconds = o.freshnessWarmupSeconds + o.freshnessSeconds;
        long batches = Math.round(batchesPerSecond * seconds);
        long probes = Math.round(o.probesPerSecond * o.freshnessSeconds);
        say("freshness: %,.0f interactions/s through ingestion (%d per batch) for %d s, %d probes in the last %d s ...",
                o.freshnessRate, batch, seconds, probes, o.freshnessSeconds);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        // The worst probe of each second of the run: whether the tail is a start-up, a stall or the whole run.
        ConcurrentSkipListMap<Integer, Double> bySecond = new ConcurrentSkipListMap<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
        AtomicLong accepted = new AtomicLong();
        long startNanos = System.nanoTime() + 100_000_000L;
        for (long b = 0; b < batches; b++) {
            long index = b;
            long at = startNanos + (long) (b * 1e9 / batchesPerSecond);
            scheduler.schedule(() -> {
                byte[] body = generator.jsonArray("fresh", index * batch, (index + 1) * batch);
                pending.add(http.sendAsync(post(gateway, "/api/v1/interactions/batch", body),
                                HttpResponse.BodyHandlers.ofString())
                        .thenAccept(r -> {
                            if (r.statusCode() / 100 == 2) {
                                accepted.addAndGet(batch);
                            } else {
                                problems.add("batch answered " + r.statusCode() + ": " + r.body());
                            }
                        }));
            }, at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        for (long k = 0; k < probes; k++) {
            long n = k;
            long at = startNanos + TimeUnit.SECONDS.toNanos(o.freshnessWarmupSeconds)
                    + (long) ((k + 0.5) * 1e9 / o.probesPerSecond);
            scheduler.schedule(() -> pending.add(CompletableFuture.runAsync(() -> {
                try {
                    double ms = probe(gateway, analyst, n);
                    latencies.add(ms);
                    bySecond.merge((int) ((n + 0.5) / o.probesPerSecond), ms, Math::max);
                } catch (Exception e) {
                    problems.add("probe " + n + ": " + e);
                }
            })), at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds) + 200);
        scheduler.shutdown();
        scheduler.awaitTermination(1, TimeUnit.MINUTES);
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        say("freshness: %,d interactions accepted by ingestion in %d s (%,.0f/s)", accepted.get(), seconds,
                accepted.get() / (double) seconds);
        if (!problems.isEmpty()) {
            notes.add(problems.size() + " problems in the freshness phase; first: " + problems.peek());
        }
        StringBuilder worst = new StringBuilder();
        for (int from = 0; from < o.freshnessSeconds; from += 10) {
            double max = bySecond.subMap(from, from + 10).values().stream().mapToDouble(Double::doubleValue).max()
                    .orElse(Double.NaN);
            worst.append(String.format(" %d-%d s: %.0f;", from, from + 10, max));
        }
        say("freshness: slowest probe per 10 s after the warm-up (ms):%s", worst);
        return new ArrayList<>(latencies);
    }

    /** One probe: a contact in a team of its own, posted, then polled for in the KPIs; the milliseconds it took. */
    private double probe(TokenSource gateway, TokenSource analyst, long n) throws Exception {
        String team = "probe-" + o.runId + "-" + n;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", "bench");
        body.put("externalId", o.runId + "-probe-" + n);
        body.put("customerId", "probe-" + o.runId + "-" + n);
        body.put("channel", "VOICE");
        body.put("direction", "INBOUND");
        body.put("startedAt", Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString());
        body.put("queueSeconds", 5);
        body.put("talkSeconds", 60);
        body.put("abandoned", false);
        body.put("agentId", "agent-probe");
        body.put("teamId", team);
        body.put("contactReason", "probe");
        body.put("transfers", 0);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String uri = o.reportingUrl + "/api/v1/kpis?from=" + today.minusDays(1) + "&to=" + today.plusDays(1)
                + "&team=" + team + "&measures=contacts_offered";
        long t0 = System.nanoTime();
        HttpResponse<String> posted = http.send(post(gateway, "/api/v1/interactions",
                JSON.writeValueAsBytes(body)), HttpResponse.BodyHandlers.ofString());
        if (posted.statusCode() != 201) {
            throw new IllegalStateException("probe answered " + posted.statusCode() + ": " + posted.body());
        }
        long deadline = t0 + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode answer = get(analyst, uri);
            if (answer.path("rows").size() > 0) {
                return (System.nanoTime() - t0) / 1e6;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("probe " + team + " not visible after 60 s");
    }

    private HttpRequest post(TokenSource token, String path, byte[] body) {
        try {
            return HttpRequest.newBuilder(URI.create(o.ingestionUrl + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token.get()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(TokenSource token, String uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token.get()).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    // --- analyses -----------------------------------------------------------------------------------------------

    /** Words of comments, the first ones far more frequent (Zipf-like, as in real feedback). */
    private static final String[] COMMENT_WORDS = {"servic", "wait", "long", "help", "agent", "bill", "charg",
            "deliveri", "late", "rude", "friendli", "quick", "slow", "app", "broken", "refund", "order", "call",
            "transfer", "hold", "resolv", "not", "again", "email", "chat", "password", "account", "price", "cancel",
            "contract", "engin", "visit", "signal", "internet", "router", "speed", "outag", "compens", "manag",
            "complaint", "polit", "knowledg", "understand", "explain", "promis", "callback", "week", "month",
            "payment", "direct", "debit", "error", "websit", "login", "code", "text", "messag", "store", "return"};

    /** A comment's terms: two to six words, each with the next one as a pair. */
    private static List<CommentTerm> commentTerms(SplittableRandom random) {
        int words = 2 + random.nextInt(5);
        List<String> picked = new ArrayList<>();
        for (int w = 0; w < words; w++) {
            // Rank ~ 1 / u: a few words dominate.
            int rank = (int) Math.min(COMMENT_WORDS.length - 1, Math.floor(1 / (random.nextDouble() + 0.02)) - 1);
            String word = COMMENT_WORDS[Math.max(0, rank)];
            if (!picked.contains(word)) {
                picked.add(word);
            }
        }
        List<CommentTerm> terms = new ArrayList<>();
        for (int w = 0; w < picked.size(); w++) {
            terms.add(new CommentTerm(picked.get(w), picked.get(w)));
            if (w > 0) {
                String pair = picked.get(w - 1) + " " + picked.get(w);
                terms.add(new CommentTerm(pair, pair));
            }
        }
        return terms;
    }

    /** Times each analysis; checks the spikes found against those planted. False when a figure is wrong. */
    private boolean analyses(TokenSource analyst) throws Exception {
        StringBuilder teams = new StringBuilder();
        for (int t = 0; t < o.teams; t++) {
            teams.append("&team=").append(team(t));
        }
        LocalDate from = end.minusDays(ANALYSIS_DAYS);
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("baseline: bare GET /api/v1/session", "/api/v1/session");
        requests.put("spikes, " + ANALYSIS_DAYS + " days, drivers and experience", "/api/v1/traffic/spikes?from="
                + from + "&to=" + end + teams);
        requests.put("volume, " + ANALYSIS_DAYS + " days, quarter hours with expected", "/api/v1/traffic?step=15"
                + "&from=" + from + "&to=" + end + teams);
        requests.put("volume, 31 days, quarter hours by reason", "/api/v1/traffic?step=15&by=reason&from="
                + end.minusDays(31) + "&to=" + end + teams);
        requests.put("volume, 7 days, per minute with expected", "/api/v1/traffic?step=1&from=" + end.minusDays(7)
                + "&to=" + end + teams);
        requests.put("cross-sell, " + o.days + " days", "/api/v1/cross-sell?from=" + start + "&to=" + end + teams);
        requests.put("voice of the customer, " + ANALYSIS_DAYS + " days", "/api/v1/voice?from=" + from + "&to=" + end
                + teams);
        LocalDate yearAgo = end.minusDays(Math.min(o.days, 183));
        requests.put("voice of the customer, " + ChronoUnit.DAYS.between(yearAgo, end)
                + " days (and as many before)", "/api/v1/voice?from=" + yearAgo + "&to=" + end + teams);
        requests.put("process change impact, 28 days each side", "/api/v1/process-changes/"
                + recordChange(analyst) + "/impact");
        say("");
        say("Analyses over the %d teams (%d requests each, one at a time, after one unmeasured)", o.teams,
                ANALYSIS_REPEATS);
        say("%-52s %10s %10s %12s", "", "p50 ms", "max ms", "vs baseline");
        double baseline = Double.NaN;
        boolean met = true;
        JsonNode spikesAnswer = null;
        for (Map.Entry<String, String> r : requests.entrySet()) {
            JsonNode answer = get(analyst, o.reportingUrl + r.getValue());
            List<Double> ms = new ArrayList<>();
            for (int k = 0; k < ANALYSIS_REPEATS; k++) {
                long t0 = System.nanoTime();
                answer = get(analyst, o.reportingUrl + r.getValue());
                ms.add((System.nanoTime() - t0) / 1e6);
            }
            Collections.sort(ms);
            double p50 = ExperimentBenchmark.percentile(ms, 50);
            if (Double.isNaN(baseline)) {
                baseline = p50;
            } else {
                met &= ms.get(ms.size() - 1) < o.targetAnalysisMs;
            }
            if (r.getValue().startsWith("/api/v1/traffic/spikes")) {
                spikesAnswer = answer;
            }
            say("%-52s %10.1f %10.1f %12.1f", r.getKey(), p50, ms.get(ms.size() - 1), p50 / baseline);
        }
        say("every analysis within %.0f ms: %s", o.targetAnalysisMs, met ? "PASS" : "MISS");
        return checkSpikes(spikesAnswer, from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                end.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Records a process change for the first two teams, 28 days ago; its id. */
    private String recordChange(TokenSource analyst) throws Exception {
        String body = "{\"name\":\"bench training\",\"effectiveDate\":\"" + end.minusDays(28) + "\",\"teams\":[\""
                + team(0) + "\",\"" + team(1) + "\"],\"cost\":10000,\"currency\":\"EUR\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(o.reportingUrl
                        + "/api/v1/process-changes")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + analyst.get()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("recording a process change answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("id").asText();
    }

    /** Recall (alerted within 2 minutes of a planted start) and precision (overlapping a planted spike). */
    private boolean checkSpikes(JsonNode answer, Instant from, Instant to) {
        List<Instant> planted = spikes.stream().filter(s -> !s.isBefore(from) && s.isBefore(to)).toList();
        List<JsonNode> found = new ArrayList<>();
        answer.path("spikes").forEach(found::add);
        List<Long> delays = new ArrayList<>();
        long foundPlanted = 0;
        for (Instant p : planted) {
            java.util.OptionalLong delay = found.stream()
                    .filter(f -> Instant.parse(f.path("start").asText()).isBefore(p.plus(SPIKE_LENGTH))
                            && Instant.parse(f.path("end").asText()).isAfter(p))
                    .mapToLong(f -> Duration.between(p, Instant.parse(f.path("alertedAt").asText())).toSeconds())
                    .min();
            if (delay.isPresent()) {
                foundPlanted++;
                delays.add(delay.getAsLong());
            }
        }
        long hits = delays.stream().filter(d -> d >= 0 && d <= 120).count();
        long real = found.stream().filter(f -> planted.stream().anyMatch(p ->
                Instant.parse(f.path("start").asText()).isBefore(p.plus(SPIKE_LENGTH))
                        && Instant.parse(f.path("end").asText()).isAfter(p))).count();
        double recall = planted.isEmpty() ? 1 : (double) foundPlanted / planted.size();
        double precision = found.isEmpty() ? 1 : (double) real / found.size();
        long outage = found.stream().filter(f -> "outage".equals(f.path("byReason").path(0).path("value").asText()))
                .count();
        say("spikes: %d planted in the last %d days, %d found; recall %.3f (within 2 minutes of the start: %d), "
                + "precision %.3f; %d named 'outage' as the first driver; seconds from start to alert: %s",
                planted.size(), ANALYSIS_DAYS, found.size(), recall, hits, precision, outage, delays);
        // How soon a spike can be told from noise depends on the volume: 2 minutes needs a few contacts a minute.
        boolean right = recall >= 0.9 && precision >= 0.9 && outage == real;
        if (!right) {
            say("WRONG: the spikes found are not the ones planted");
        }
        return right;
    }

    // --- report -------------------------------------------------------------------------------------------------

    private void report(LoadRunner.Result bare, LoadRunner.Result query, List<Double> freshnessMs) {
        say("");
        if (bare != null && query != null) {
            Map<String, LoadRunner.Result> results = new LinkedHashMap<>();
            results.put("session", bare);
            results.put("kpis", query);
            say("Query latency (ms from the intended send time; %d s measured after %d s warm-up)", o.durationSeconds,
                    o.warmupSeconds);
            say("%-9s %9s %9s %8s %8s %8s %8s %9s  %s", "endpoint", "target/s", "achieved", "p50", "p90", "p99",
                    "max", "requests", "errors");
            results.forEach((name, r) -> say("%-9s %9.0f %9.0f %8.2f %8.2f %8.2f %8.1f %9d  %s", name, o.queryRate,
                    r.achievedRate(), r.stats().percentileMs(50), r.stats().percentileMs(90),
                    r.stats().percentileMs(99), r.stats().maxMs(), r.stats().total(), r.stats().errorSummary()));
            say("kpis / bare: p50 %.1fx, p99 %.1fx; cores during the KPI load: %s",
                    query.stats().percentileMs(50) / bare.stats().percentileMs(50),
                    query.stats().percentileMs(99) / bare.stats().percentileMs(99), query.cores());
            boolean met = query.stats().errors() == 0 && query.achievedRate() >= 0.99 * o.queryRate
                    && query.stats().percentileMs(99) < o.targetQueryP99Ms;
            say("KPI query p99 under %.0f ms at %,.0f/s: %s (p99 %.2f ms, bare endpoint p99 %.2f ms)",
                    o.targetQueryP99Ms, o.queryRate, met ? "PASS" : "MISS", query.stats().percentileMs(99),
                    bare.stats().percentileMs(99));
        }
        if (!freshnessMs.isEmpty()) {
            List<Double> sorted = new ArrayList<>(freshnessMs);
            Collections.sort(sorted);
            double p50 = ExperimentBenchmark.percentile(sorted, 50);
            double p99 = ExperimentBenchmark.percentile(sorted, 99);
            say("");
            say("Freshness: %d probes at %,.0f interactions/s through ingestion: p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                    sorted.size(), o.freshnessRate, p50, p99, sorted.get(sorted.size() - 1));
            say("freshness p99 within %.0f ms: %s", o.targetFreshnessP99Ms,
                    p99 <= o.targetFreshnessP99Ms ? "PASS" : "MISS");
        }
        notes.forEach(n -> say("note: %s", n));
    }
}
