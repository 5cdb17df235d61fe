package io.cxvalue.benchmarks;

import static io.cxvalue.benchmarks.BenchSupport.say;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.CustomerScored;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.SurveyResponded;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.contracts.experiments.VariantAssignment;
import org.apache.kafka.common.TopicPartition;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Experiment results at scale on the running local stack: an analyst's experiment, a million customers exposed to it
 * and five million outcome events, all through Kafka into experiment-service.
 *
 * <p>Creates and starts an experiment (analyst), produces each customer's five events straight onto the topics
 * (cx.interactions, cx.feedback, cx.transactions, cx.scores) with a planted revenue effect in the treatment, and waits
 * until the service's outcome consumer group has no lag: the apply rate is the events over that time, next to a
 * baseline measured in the same run, a plain Kafka consumer reading the same records. Then it times
 * {@code GET .../results} against the baseline {@code GET .../experiments/{id}} (one row) of the same service, and
 * checks the results: every customer exposed, no sample-ratio mismatch, the planted effect inside the interval.
 * Exit code 0 when measured (PASS or MISS), 1 when the results are wrong, 2 when the stack is not reachable.
 */
public final class ExperimentBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOPICS = List.of("cx.interactions", "cx.feedback", "cx.transactions",
            "cx.scores");
    private static final String OUTCOME_GROUP = "experiment-service-outcomes";
    private static final String SOURCE = "/experiment-benchmark";
    private static final int EVENTS_PER_CUSTOMER = 5;
    /** The revenue per customer the treatment adds in the outcome window, in EUR: the planted effect. */
    static final double PLANTED_REVENUE_EFFECT = 4.0;

    private final ExperimentBenchOptions o;
    private final HttpClient http = BenchSupport.httpClient();
    private final ProcessCpu cpu;

    ExperimentBenchmark(ExperimentBenchOptions o) {
        this.o = o;
        this.cpu = new ProcessCpu(o.pidDir);
    }

    public static void main(String[] args) {
        BenchSupport.main(args, ExperimentBenchOptions::parse, ExperimentBenchOptions.USAGE,
                options -> new ExperimentBenchmark(options).run());
    }

    int run() throws Exception {
        BenchSupport.requireReady(http, "experiment-service", o.experimentUrl,
                "start the stack with CX_SERVICES=experiment ./cx up");
        TokenSource analyst = TokenSource.password(http, o.keycloakUrl, o.realm, o.userClient, o.analystUser,
                o.password);
        say("Experiment benchmark: %,d customers, %,d outcome events, run %s; load average %s", o.customers,
                (long) o.customers * EVENTS_PER_CUSTOMER, o.runId, BenchSupport.loadAverage());

        String reason = "bench-" + o.runId;
        JsonNode started = start(analyst, reason);
        String id = started.path("id").asText();
        String salt = started.path("salt").asText();
        Instant startedAt = Instant.parse(started.path("startedAt").asText());
        say("experiment %s started at %s", id, startedAt);

        double applyRate;
        double baselineRate;
        Map<String, Double> cores;
        try (ConsumerProgress progress = new ConsumerProgress(o.bootstrap, TOPICS, OUTCOME_GROUP)) {
            Map<TopicPartition, Long> before = progress.endOffsets();
            ProcessCpu.Snapshot cpuBefore = cpu.snapshot();
            long t0 = System.nanoTime();
            long produced = produce(salt, startedAt, reason);
            double produceSeconds = (System.nanoTime() - t0) / 1e9;
            say("produced %,d events in %.1f s (%,.0f/s)", produced, produceSeconds, produced / produceSeconds);
            double applySeconds = progress.awaitNoLag(t0, o.consumeTimeoutSeconds,
                    "experiment-service (see ./cx logs experiment)");
            cores = cpuBefore.coresUntil(cpu.snapshot());
            applyRate = produced / applySeconds;
            baselineRate = progress.plainConsumerRate(before);
        }

        List<Double> resultsMs = new ArrayList<>();
        List<Double> baseMs = new ArrayList<>();
        JsonNode results = null;
        for (int i = 0; i < 5; i++) { // warm-up, left out
            get(analyst, "/api/v1/experiments/" + id + "/results");
            get(analyst, "/api/v1/experiments/" + id);
        }
        for (int i = 0; i < o.resultsRequests; i++) {
            long s = System.nanoTime();
            get(analyst, "/api/v1/experiments/" + id);
            baseMs.add((System.nanoTime() - s) / 1e6);
            s = System.nanoTime();
            results = get(analyst, "/api/v1/experiments/" + id + "/results");
            resultsMs.add((System.nanoTime() - s) / 1e6);
        }

        say("");
        say("%-44s %12s %12s %12s", "", "p50", "max", "vs baseline");
        say("%-44s %10.1f ms %10.1f ms %12s", "baseline GET experiments/{id} (one row)", percentile(baseMs, 50),
                percentile(baseMs, 100), "1.00");
        say("%-44s %10.1f ms %10.1f ms %12.2f", "GET experiments/{id}/results", percentile(resultsMs, 50),
                percentile(resultsMs, 100), percentile(resultsMs, 50) / percentile(baseMs, 50));
        say("");
        say("%-44s %14s %12s", "", "events/s", "vs baseline");
        say("%-44s %,14.0f %12s", "baseline: plain Kafka consumer, same records", baselineRate, "1.00");
        say("%-44s %,14.0f %12.3f", "experiment-service applies outcome events", applyRate, applyRate / baselineRate);
        say("CPU (cores) while applying: %s", cores);

        boolean resultsMet = percentile(resultsMs, 100) < o.targetResultsMs;
        boolean applyMet = applyRate >= o.targetApplyRate;
        say("");
        say("results within %.0f ms: %s (max %.1f ms over %d requests)", o.targetResultsMs,
                resultsMet ? "PASS" : "MISS", percentile(resultsMs, 100), o.resultsRequests);
        say("apply rate at least %,.0f events/s: %s (%,.0f events/s)", o.targetApplyRate,
                applyMet ? "PASS" : "MISS", applyRate);
        return check(results) ? 0 : 1;
    }

    private JsonNode start(TokenSource analyst, String reason) throws Exception {
        Map<String, Object> definition = Map.of(
                "name", "Benchmark " + o.runId,
                "hypothesis", "Letting calls run as long as needed raises 30-day revenue",
                "owner", o.analystUser,
                "variants", List.of(
                        Map.of("key", "aht-target", "weight", 1, "control", true, "instruction", Map.of(
                                "handling", "STANDARD", "handleTimeTargetSeconds", 300,
                                "agentMessage", "Keep to the 5-minute handle-time target.")),
                        Map.of("key", "take-time", "weight", 1, "control", false, "instruction", Map.of(
                                "handling", "TAKE_TIME", "agentMessage", "Take the time this caller needs."))),
                "eligibility", Map.of("channels", List.of("VOICE"), "contactReasons", List.of(reason),
                        "teams", List.of(), "valueTiers", List.of()),
                "metrics", List.of(
                        Map.of("kind", "REVENUE", "role", "PRIMARY"),
                        Map.of("kind", "CSAT_TOP2", "role", "SECONDARY"),
                        Map.of("kind", "HANDLE_TIME", "role", "SECONDARY"),
                        Map.of("kind", "FOLLOW_UP_CONTACTS", "role", "GUARDRAIL", "allowedDegradation", 0.1)),
                "outcomeWindowDays", 30,
                "prePeriodDays", 30,
                "planning", Map.of("alpha", 0.05, "power", 0.8, "minimumDetectableEffect", 1.0),
                "economics", Map.of("currency", "EUR", "costPerAgentMinute", 0.9, "costPerContact", 0.5));
        JsonNode created = send(analyst, "POST", "/api/v1/experiments", JSON.writeValueAsString(definition), 201);
        return send(analyst, "POST", "/api/v1/experiments/" + created.path("id").asText() + "/start", "", 200);
    }

    /** Produces every customer's five events; the number produced. */
    private long produce(String salt, Instant startedAt, String reason) throws Exception {
        SplittableRandom random = new SplittableRandom(o.seed);
        EventProducer producer = new EventProducer(o.bootstrap, SOURCE);
        try (producer) {
            for (int i = 0; i < o.customers; i++) {
                String customer = "xb-" + o.runId + "-" + i;
                boolean treated = VariantAssignment.variantIndex(salt, customer, new int[] {1, 1}) == 1;
                Instant at = startedAt.plusSeconds(1 + i % 3600);
                double prior = 20 + random.nextInt(50);
                double revenue = Math.round((1.5 * prior + random.nextDouble() * 20
                        + (treated ? PLANTED_REVENUE_EFFECT : 0)) * 100) / 100.0;
                List<CxEvent> events = List.of(
                        purchase(customer, prior, at.minus(Duration.ofDays(10))),
                        contact(customer, reason, treated ? 330 : 210, at),
                        new SurveyResponded("s-" + customer, "bench", "s-" + customer, customer, null,
                                at.plusSeconds(3600), random.nextDouble() < (treated ? 0.7 : 0.6) ? 5 : 3, null,
                                null, null, null),
                        purchase(customer, revenue, at.plus(Duration.ofDays(3))),
                        random.nextDouble() < (treated ? 0.2 : 0.3)
                                ? contact(customer, reason, 200, at.plus(Duration.ofDays(2)))
                                : new CustomerScored(customer, "bench", BigDecimal.valueOf(300 + prior), "EUR", 12,
                                        2.0, 0.9, BigDecimal.valueOf(50), "MEDIUM", "LOW", 0.7, "INFERRED",
                                        at.plus(Duration.ofDays(5))));
                events.forEach(producer::send);
                if (i > 0 && i % 200_000 == 0) {
                    say("producing: %,d customers ...", i);
                }
            }
        }
        return producer.sent();
    }

    private static InteractionRecorded contact(String customer, String reason, int talkSeconds, Instant at) {
        String id = "i-" + customer + "-" + at.getEpochSecond();
        return new InteractionRecorded(id, "bench", id, customer, Channel.VOICE, Direction.INBOUND, at, 12,
                talkSeconds, 0, 30, false, "agent-1", "team-a", "care", reason, 0, true, 0.3, null, null, null);
    }

    private static TransactionRecorded purchase(String customer, double amount, Instant at) {
        String id = "t-" + customer + "-" + at.getEpochSecond();
        return new TransactionRecorded(id, "bench", id, customer, TransactionKind.PURCHASE, BigDecimal.valueOf(amount),
                "EUR", "p-1", at, null, null);
    }

    private boolean check(JsonNode results) {
        long exposed = results.path("exposedCustomers").asLong();
        boolean mismatch = results.path("sampleRatio").path("mismatch").asBoolean();
        JsonNode revenue = null;
        for (JsonNode m : results.path("metrics")) {
            if ("REVENUE".equals(m.path("metric").asText())) {
                revenue = m.path("effects").get(0);
            }
        }
        JsonNode cuped = revenue == null ? null : revenue.path("cuped");
        double lower = cuped == null ? Double.NaN : cuped.path("lower").asDouble(Double.NaN);
        double upper = cuped == null ? Double.NaN : cuped.path("upper").asDouble(Double.NaN);
        boolean covers = lower <= PLANTED_REVENUE_EFFECT && PLANTED_REVENUE_EFFECT <= upper;
        say("");
        say("results: %,d customers exposed (expected %,d); sample ratio %s; revenue effect %.3f EUR (95 %% CI %.3f "
                        + "to %.3f, CUPED), planted %.1f: %s", exposed, o.customers,
                mismatch ? "MISMATCH" : "as designed", cuped == null ? Double.NaN : cuped.path("estimate").asDouble(),
                lower, upper, PLANTED_REVENUE_EFFECT, covers ? "covered" : "NOT covered");
        say("verdict: %s", results.path("verdict").asText());
        boolean ok = exposed == o.customers && !mismatch && covers;
        if (!ok) {
            say("WRONG RESULTS: see above");
        }
        return ok;
    }

    private JsonNode get(TokenSource token, String path) throws Exception {
        return send(token, "GET", path, null, 200);
    }

    private JsonNode send(TokenSource token, String method, String path, String body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(o.experimentUrl + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token.get())
                .header("Content-Type", "application/json");
        request = body == null ? request.GET()
                : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The p-th percentile (nearest rank) of the values; 100 is the maximum. */
    static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
