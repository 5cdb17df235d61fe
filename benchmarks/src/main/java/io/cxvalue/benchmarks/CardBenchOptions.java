package io.cxvalue.benchmarks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.cxvalue.benchmarks.CliArgs.notNegative;
import static io.cxvalue.benchmarks.CliArgs.positive;

/** Command-line options of {@link CallerCardBenchmark}, with their defaults. */
final class CardBenchOptions extends StackOptions {

    static final List<String> ALL_PHASES = List.of("session", "card");

    int customers = 20_000;
    int profiles = 1000;
    double rate = 2000;
    int durationSeconds = 30;
    int warmupSeconds = 10;
    int connections = 32;
    int timeoutMs = 2000;
    double unknownShare = 0.05;
    double phoneShare = 0.5;
    boolean skipSeed;
    boolean skipScoring;
    Set<String> phases = new LinkedHashSet<>(ALL_PHASES);
    String runId = InteractionGenerator.newRunId();
    long seed = 42;
    double targetP99Ms = 10;
    double targetRate = 2000;
    int consumeTimeoutSeconds = 600;
    String scoringUrl = "http://localhost:8082";
    String userClient = "cx-cli";
    String agentUser = "alice.agent";
    String analystUser = "ana.analyst";
    String password = "cx-demo";

    static final String USAGE = """
            usage: CallerCardBenchmark [options]      (normally run through ./cx bench caller-card)
              --customers N         customers seeded through ingestion (with purchases, contacts, surveys) [20000]
              --profiles N          of which with a CRM profile (POST customers/batch; ingestion applies a batch's
                                    profiles one by one, slowly); every customer's phone and e-mail also come
                                    with its first purchase [1000]
              --skip-seed           seed nothing: load the customers of an earlier run (give its --run-id,
                                    --seed and --customers) and skip the CLV fit and scoring run
              --skip-scoring        seed, but fit no CLV model and score nobody (cards without CLV)
              --rate R              requests per second, constant arrival rate (open loop) [2000]
              --duration S          measured seconds per endpoint [30]
              --warmup S            seconds at the same rate before each measurement, left out [10]
              --connections C       HTTP/1.1 keep-alive connections to scoring-service [32]
              --timeout MS          a request without an answer after MS ms is a timeout (an error) [2000]
              --unknown-share F     share of card requests for phone numbers nobody has [0.05]
              --phone-share F       share of the other card requests by phone number (the rest by id) [0.5]
              --phases LIST         comma-separated subset of session,card [session,card]
              --run-id ID           part of every externalId, e-mail and phone block; unique unless given
              --seed N              seed of the generated data and of the request mix [42]
              --target-p99 MS       p99 the card must stay under [10]
              --target-rate R       rate the target applies to [2000]
              --consume-timeout S   give up waiting for scoring to consume the seed after S s [600]
              --ingestion-url URL [http://localhost:8081]   --scoring-url URL [http://localhost:8082]
              --keycloak-url URL [http://localhost:8180]    --realm R [cx-value]
              --client-id ID [channel-gateway]  --client-secret S [channel-gateway-dev-secret] (ingest token)
              --user-client ID [cx-cli]  --agent-user U [alice.agent]  --analyst-user U [ana.analyst]
              --password P [cx-demo]
              --bootstrap HOST:PORT [127.0.0.1:9092]   Kafka, to follow scoring's consumer lag while seeding
              --pid-dir DIR         the stack's pid files ($CX_HOME/run): CPU used per process is reported
              --work-dir DIR        working directory [$TMPDIR/cx-bench]
            """;

    static CardBenchOptions parse(String... args) {
        CardBenchOptions o = new CardBenchOptions();
        CliArgs.parse(args, flag -> {
            switch (flag) {
                case "--skip-seed" -> o.skipSeed = true;
                case "--skip-scoring" -> o.skipScoring = true;
                default -> {
                    return false;
                }
            }
            return true;
        }, (arg, value) -> {
            switch (arg) {
                case "--customers" -> {
                    o.customers = (int) positive(arg, Integer.parseInt(value));
                    if (o.customers > SeedData.MAX_CUSTOMERS) {
                        throw new IllegalArgumentException("--customers: at most " + SeedData.MAX_CUSTOMERS);
                    }
                }
                case "--profiles" -> o.profiles = (int) notNegative(arg, Integer.parseInt(value));
                case "--rate" -> o.rate = positive(arg, Double.parseDouble(value));
                case "--duration" -> o.durationSeconds = (int) positive(arg, Integer.parseInt(value));
                case "--warmup" -> o.warmupSeconds = (int) notNegative(arg, Integer.parseInt(value));
                case "--connections" -> o.connections = (int) positive(arg, Integer.parseInt(value));
                case "--timeout" -> o.timeoutMs = (int) positive(arg, Integer.parseInt(value));
                case "--unknown-share" -> o.unknownShare = share(arg, Double.parseDouble(value));
                case "--phone-share" -> o.phoneShare = share(arg, Double.parseDouble(value));
                case "--phases" -> o.phases = CliArgs.phases(value, ALL_PHASES);
                case "--run-id" -> o.runId = value;
                case "--seed" -> o.seed = Long.parseLong(value);
                case "--target-p99" -> o.targetP99Ms = positive(arg, Double.parseDouble(value));
                case "--target-rate" -> o.targetRate = positive(arg, Double.parseDouble(value));
                case "--consume-timeout" -> o.consumeTimeoutSeconds = (int) positive(arg, Integer.parseInt(value));
                case "--scoring-url" -> o.scoringUrl = CliArgs.baseUrl(value);
                case "--user-client" -> o.userClient = value;
                case "--agent-user" -> o.agentUser = value;
                case "--analyst-user" -> o.analystUser = value;
                case "--password" -> o.password = value;
                default -> {
                    return o.setStackOption(arg, value);
                }
            }
            return true;
        });
        // The run id becomes part of externalIds and e-mail addresses: the generator's rule.
        new InteractionGenerator(o.runId, 1, java.time.Instant.now());
        return o;
    }

    private static double share(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(option + " must be between 0 and 1");
        }
        return value;
    }
}
