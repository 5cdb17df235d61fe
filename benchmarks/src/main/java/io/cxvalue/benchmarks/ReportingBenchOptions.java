package io.cxvalue.benchmarks;

import java.util.Set;

/** Command-line options of {@link ReportingBenchmark}, with their defaults. */
final class ReportingBenchOptions extends StackOptions {

    int contacts = 1_000_000;
    int teams = 20;
    int agentsPerTeam = 15;
    double surveyShare = 0.2;
    int days = 365;
    double queryRate = 200;
    int pageSize = 500;
    int warmupSeconds = 30;
    int durationSeconds = 30;
    int connections = 32;
    int timeoutMs = 5000;
    double targetQueryP99Ms = 50;
    double freshnessRate = 1000;
    int freshnessSeconds = 60;
    int freshnessWarmupSeconds = 30;
    double probesPerSecond = 2;
    double targetFreshnessP99Ms = 2000;
    double targetAnalysisMs = 2000;
    int spikeEveryDays = 14;
    int consumeTimeoutSeconds = 3600;
    Set<String> phases = Set.of("seed", "query", "freshness", "analyses");
    String runId = InteractionGenerator.newRunId();
    long seed = 42;
    String reportingUrl = "http://localhost:8084";
    String userClient = "cx-cli";
    String analystUser = "ana.analyst";
    String password = "cx-demo";

    static final String USAGE = """
            usage: ReportingBenchmark [options]        (normally run through ./cx bench reporting)
              --contacts N            contacts of the seeded year, straight to cx.interactions in time order [1000000]
              --teams N  --agents-per-team N          who handled them [20, 15]
              --survey-share X        share of contacts with a survey answer (cx.feedback) [0.2]
              --days N                length of the seeded history, ending today (UTC) [365]
              --query-rate R          KPI queries per second: one team, the whole history, daily, by agent [200]
              --page-size N           rows per KPI answer (the service's default page) [500]
              --warmup S  --duration S                per measured endpoint [30, 30]; a started JVM spends its
                                          first tens of seconds of CPU compiling the query path
              --connections N  --timeout-ms MS        of the load generator [32, 5000]
              --target-query-p99 MS   [50]
              --freshness-rate R      interactions per second posted through ingestion's batch endpoint [1000]
              --freshness-warmup S  --freshness-seconds S   the load alone (ingestion's JVM warms up),
                                      then with probes [30, 60]
              --probes-per-second R   probe interactions (each a team of its own) whose arrival in the KPIs is
                                      timed [2]
              --target-freshness-p99 MS                [2000]
              --spike-every-days N    a planted spike (30 min, five times the volume) every N days; 0: none [14]
              --target-analysis MS    slowest answer of each analysis [2000]
              --phases LIST           seed,query,freshness,analyses [all]
              --consume-timeout S     give up waiting for reporting-service to apply the seed after S s [3600]
              --run-id ID  --seed N
              --reporting-url URL [http://localhost:8084]   --ingestion-url URL [http://localhost:8081]
              --keycloak-url URL [http://localhost:8180]    --realm R [cx-value]
              --user-client ID [cx-cli]  --analyst-user U [ana.analyst]  --password P [cx-demo]
              --client-id ID  --client-secret S   channel-gateway client for ingestion
              --bootstrap HOST:PORT [127.0.0.1:9092]   --pid-dir DIR   --work-dir DIR
            """;

    static ReportingBenchOptions parse(String... args) {
        ReportingBenchOptions o = new ReportingBenchOptions();
        CliArgs.parse(args, flag -> false, (arg, value) -> {
            switch (arg) {
                case "--contacts" -> o.contacts = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--teams" -> o.teams = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--agents-per-team" -> o.agentsPerTeam = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--survey-share" -> o.surveyShare = Double.parseDouble(value);
                case "--days" -> o.days = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--query-rate" -> o.queryRate = CliArgs.positive(arg, Double.parseDouble(value));
                case "--page-size" -> o.pageSize = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--warmup" -> o.warmupSeconds = Integer.parseInt(value);
                case "--duration" -> o.durationSeconds = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--connections" -> o.connections = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--timeout-ms" -> o.timeoutMs = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--target-query-p99" -> o.targetQueryP99Ms = CliArgs.positive(arg, Double.parseDouble(value));
                case "--freshness-rate" -> o.freshnessRate = CliArgs.positive(arg, Double.parseDouble(value));
                case "--spike-every-days" -> o.spikeEveryDays = Integer.parseInt(value);
                case "--target-analysis" -> o.targetAnalysisMs = CliArgs.positive(arg, Double.parseDouble(value));
                case "--freshness-seconds" -> o.freshnessSeconds = (int) CliArgs.positive(arg,
                        Integer.parseInt(value));
                case "--freshness-warmup" -> o.freshnessWarmupSeconds = Integer.parseInt(value);
                case "--probes-per-second" -> o.probesPerSecond = CliArgs.positive(arg, Double.parseDouble(value));
                case "--target-freshness-p99" -> o.targetFreshnessP99Ms = CliArgs.positive(arg,
                        Double.parseDouble(value));
                case "--phases" -> o.phases = Set.of(value.split(","));
                case "--consume-timeout" -> o.consumeTimeoutSeconds = (int) CliArgs.positive(arg,
                        Integer.parseInt(value));
                case "--run-id" -> o.runId = value;
                case "--seed" -> o.seed = Long.parseLong(value);
                case "--reporting-url" -> o.reportingUrl = CliArgs.baseUrl(value);
                case "--user-client" -> o.userClient = value;
                case "--analyst-user" -> o.analystUser = value;
                case "--password" -> o.password = value;
                default -> {
                    return o.setStackOption(arg, value);
                }
            }
            return true;
        });
        return o;
    }
}
