package io.cxvalue.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The fault drill on the running local stack: a steady load of interactions through ingestion while, one after the
 * other, each service is killed (SIGKILL) and started again, the Kafka broker is restarted, and PostgreSQL and the
 * MongoDB server are stopped for 30 s and started again. The load's client retries a refused or unanswered record
 * with the same external id until ingestion accepts it, as a channel gateway does; "accepted" is what ingestion
 * answered 200 or 201 to.
 * <p>
 * Per fault it measures how long the affected part took to be ready again and how long from the fault until a probe
 * interaction posted after it was visible in scoring, experiment and reporting. At the end it reconciles: every
 * accepted record once on cx.interactions (by external id), and once in each service (scoring's contacts of the
 * drill's customers, experiment's contacts of the drill's experiment, reporting's contacts of the drill's team), and
 * no new dead letters on any topic.
 */
final class FaultDrill {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final int CUSTOMERS = 40;

    /** What a fault did to the stack. */
    record Recovery(String fault, double readySeconds, double endToEndSeconds) {
        @Override
        public String toString() {
            return String.format("%-28s ready again after %5.1f s; a record posted after it visible everywhere "
                    + "%5.1f s after the fault", fault, readySeconds, endToEndSeconds);
        }
    }

    /** The drill's result: what was accepted and reflected, and the recoveries. */
    record Result(int accepted, int attempts, Map<String, Long> reflected, long newDeadLetters,
            List<Recovery> recoveries) {
    }

    interface Step {
        void run() throws Exception;
    }

    private final Path runDir;
    private final Supplier<String> gatewayToken;
    private final Supplier<String> analystToken;
    private final Supplier<String> agentToken;
    private final CxCommand cx;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String team = "team-drill-" + run;
    private final String experiment = "exp-drill-" + run;
    // HTTP/1.1, as the services are reached: the JDK client's default h2c upgrade has misread a server's answer.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Runs {@code ./cx up} (starts what is not running) and returns its exit code. */
    interface CxCommand {
        int up() throws Exception;
    }

    FaultDrill(Path cxHome, Supplier<String> gatewayToken, Supplier<String> analystToken,
            Supplier<String> agentToken, CxCommand cx) {
        this.runDir = cxHome.resolve("run");
        this.gatewayToken = gatewayToken;
        this.analystToken = analystToken;
        this.agentToken = agentToken;
        this.cx = cx;
    }

    Result run() throws Exception {
        long deadLettersBefore = deadLetters();
        Load load = new Load();
        Thread loader = new Thread(load, "fault-drill-load");
        loader.start();
        List<Recovery> recoveries = new ArrayList<>();
        try {
            Thread.sleep(5_000);
            for (String service : List.of("ingestion-service", "scoring-service", "experiment-service",
                    "reporting-service")) {
                recoveries.add(fault("kill -9 " + service, () -> kill(service, "KILL"), () -> up(),
                        List.of(service)));
            }
            recoveries.add(fault("restart the Kafka broker", () -> kill("kafka", "TERM"), () -> up(),
                    List.of()));
            recoveries.add(fault("PostgreSQL away 30 s", () -> {
                kill("postgres", "INT");
                Thread.sleep(OUTAGE.toMillis());
            }, () -> up(), List.of()));
            recoveries.add(fault("MongoDB server away 30 s", () -> {
                kill("mongo", "TERM");
                Thread.sleep(OUTAGE.toMillis());
            }, () -> up(), List.of()));
            Thread.sleep(5_000);
        } finally {
            load.stop.set(true);
            loader.join(TimeUnit.MINUTES.toMillis(3));
        }
        int accepted = load.accepted.get();
        Map<String, Long> reflected = awaitReflected(accepted, Duration.ofMinutes(5));
        return new Result(accepted, load.attempts.get(), reflected, deadLetters() - deadLettersBefore, recoveries);
    }

    // -----------------------------------------------------------------------------------------------------------
    // Faults

    private Recovery fault(String name, Step inject, Step recover, List<String> restarted) throws Exception {
        Map<String, Long> pidsBefore = servicePids();
        Instant start = Instant.now();
        System.out.println("[drill] " + name);
        inject.run();
        Instant recovering = Instant.now();
        recover.run();
        awaitReady(Duration.ofMinutes(3));
        double ready = seconds(recovering, Instant.now());
        // A service that was not killed must have got over the fault by itself, in the same process.
        Map<String, Long> pidsAfter = servicePids();
        for (Map.Entry<String, Long> pid : pidsBefore.entrySet()) {
            if (!restarted.contains(pid.getKey()) && !pid.getValue().equals(pidsAfter.get(pid.getKey()))) {
                throw new AssertionError(pid.getKey() + " had to be restarted to get over '" + name + "'");
            }
        }
        double endToEnd = seconds(start, probe(name));
        Recovery recovery = new Recovery(name, ready, endToEnd);
        System.out.println("[drill] " + recovery);
        return recovery;
    }

    private void up() throws Exception {
        int rc = cx.up();
        if (rc != 0) {
            throw new AssertionError("./cx up exited with " + rc);
        }
    }

    /** Signals a component's process group (as ./cx started it, with setsid) and waits until it has gone. */
    private void kill(String component, String signal) throws Exception {
        long pid = Long.parseLong(Files.readString(runDir.resolve(component + ".pid")).trim());
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pid).inheritIO().start();
        if (kill.waitFor() != 0) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(component + " (pid " + pid + ") did not stop after SIG" + signal);
            }
            Thread.sleep(200);
        }
    }

    private Map<String, Long> servicePids() throws IOException {
        Map<String, Long> pids = new HashMap<>();
        for (String service : List.of("ingestion-service", "scoring-service", "experiment-service",
                "reporting-service")) {
            pids.put(service, Long.parseLong(Files.readString(runDir.resolve(service + ".pid")).trim()));
        }
        return pids;
    }

    private void awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        for (String base : List.of(StackEndToEndIT.INGESTION, StackEndToEndIT.SCORING, StackEndToEndIT.EXPERIMENT,
                StackEndToEndIT.REPORTING)) {
            while (status(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))) != 200) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(base + " not ready " + timeout + " after the fault");
                }
                Thread.sleep(250);
            }
        }
    }

    /**
     * Posts one interaction of a customer, team and experiment of its own and returns when every service shows it:
     * the moment the pipeline is whole again.
     */
    private Instant probe(String fault) throws Exception {
        String probeRun = UUID.randomUUID().toString().substring(0, 8);
        String customer = "c-probe-" + probeRun;
        String probeTeam = "team-probe-" + probeRun;
        String probeExperiment = "exp-probe-" + probeRun;
        postUntilAccepted(interaction(customer, probeTeam, probeExperiment), new AtomicInteger());
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!(count(scoringContacts(customer)) >= 1 && count(experimentContacts(probeExperiment)) >= 1
                && count(teamContacts(probeTeam)) >= 1)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("A record posted after '" + fault + "' did not reach every service in 3 "
                        + "minutes: scoring " + count(scoringContacts(customer)) + ", experiment "
                        + count(experimentContacts(probeExperiment)) + ", reporting "
                        + count(teamContacts(probeTeam)) + "; consumer lag by group " + lags());
            }
            Thread.sleep(250);
        }
        return Instant.now();
    }

    // -----------------------------------------------------------------------------------------------------------
    // Load

    /** Interactions at about 20 per second, each retried with the same external id until accepted. */
    private final class Load implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public void run() {
            int n = 0;
            while (!stop.get()) {
                try {
                    postUntilAccepted(interaction("c-drill-" + run + "-" + (n++ % CUSTOMERS), team, experiment),
                            attempts);
                    accepted.incrementAndGet();
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void postUntilAccepted(Map<String, Object> body, AtomicInteger attempts) throws InterruptedException {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        while (true) {
            attempts.incrementAndGet();
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                URI.create(StackEndToEndIT.INGESTION + "/api/v1/interactions"))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + gatewayToken.get())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 || answer.statusCode() == 201) {
                    return;
                }
                if (answer.statusCode() < 500 && answer.statusCode() != 401 && answer.statusCode() != 429) {
                    throw new AssertionError("ingestion refused a valid interaction: " + answer.statusCode() + " "
                            + answer.body());
                }
            } catch (IOException e) {
                // not reachable now (killed, restarting): retry
            }
            Thread.sleep(500);
        }
    }

    /** The end-to-end test's interaction (voice, inbound, handled) of the customer, team and experiment. */
    private static Map<String, Object> interaction(String customerId, String teamId, String experimentId) {
        return StackEndToEndIT.interaction(new StackEndToEndIT.Ids(teamId, experimentId), customerId);
    }

    // -----------------------------------------------------------------------------------------------------------
    // Reconciliation

    /** Waits until every count reaches {@code accepted} (or the timeout) and returns the counts. */
    private Map<String, Long> awaitReflected(int accepted, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Long> counts;
        do {
            counts = reflected();
            if (counts.values().stream().allMatch(c -> c >= accepted)) {
                Thread.sleep(StackEndToEndIT.SETTLE.toMillis()); // time for a wrong repeat to show
                return reflected();
            }
            Thread.sleep(1_000);
        } while (Instant.now().isBefore(deadline));
        return counts;
    }

    private Map<String, Long> reflected() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("cx.interactions (distinct external ids)", topicRecords());
        long scoring = 0;
        for (int i = 0; i < CUSTOMERS; i++) {
            scoring += count(scoringContacts("c-drill-" + run + "-" + i));
        }
        counts.put("scoring-service", scoring);
        counts.put("experiment-service", count(experimentContacts(experiment)));
        counts.put("reporting-service", count(teamContacts(team)));
        return counts;
    }

    private Supplier<Long> scoringContacts(String customer) {
        return () -> json(StackEndToEndIT.SCORING + "/api/v1/customers/" + customer + "/contacts", agentToken)
                .path("contacts").asLong();
    }

    private Supplier<Long> experimentContacts(String experimentId) {
        return () -> json(StackEndToEndIT.EXPERIMENT + "/api/v1/experiments/" + experimentId + "/contacts",
                analystToken).path("total").asLong();
    }

    private Supplier<Long> teamContacts(String teamId) {
        return () -> (long) StackEndToEndIT.teamTotal(json(StackEndToEndIT.teamKpis(teamId), analystToken),
                "contacts_offered");
    }

    private static long count(Supplier<Long> read) {
        return read.get();
    }

    /** The answer's JSON, or an empty object for any other answer than 200 (not there yet, or not reachable). */
    private JsonNode json(String url, Supplier<String> token) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token.get())
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JSON.createObjectNode();
        }
    }

    private int status(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The drill's interactions on cx.interactions, counted once per external id. */
    private long topicRecords() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        Set<String> externalIds = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor("cx.interactions").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.value() != null && record.value().contains(team)) {
                        try {
                            JsonNode event = JSON.readTree(record.value());
                            JsonNode data = event.has("data") ? event.path("data") : event;
                            if (team.equals(data.path("teamId").asText())) {
                                externalIds.add(data.path("source").asText() + "/" + data.path("externalId").asText());
                            }
                        } catch (IOException e) {
                            throw new AssertionError("Not JSON on cx.interactions: " + record.value());
                        }
                    }
                }
            }
        }
        return externalIds.size();
    }

    /** Per consumer group of the stack, the records of its topics it has not committed yet. */
    static Map<String, Long> lags() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"))) {
            Map<String, Long> lags = new java.util.TreeMap<>();
            for (var group : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
                var committed = admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                long lag = 0;
                for (var entry : committed.entrySet()) {
                    lag += ends.get(entry.getKey()).offset() - entry.getValue().offset();
                }
                lags.put(group.groupId(), lag);
            }
            return lags;
        }
    }

    /** The records on every dead-letter topic. */
    private static long deadLetters() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"))) {
            Set<String> topics = new HashSet<>();
            for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                if (topic.contains(".dlq.")) {
                    topics.add(topic);
                }
            }
            if (topics.isEmpty()) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d ->
                    d.partitions().forEach(p -> {
                        latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                        earliest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.earliest());
                    }));
            long total = 0;
            var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            var starts = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            for (TopicPartition partition : latest.keySet()) {
                total += ends.get(partition).offset() - starts.get(partition).offset();
            }
            return total;
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
