package io.cxvalue.benchmarks;

/** Command-line options of {@link ExperimentBenchmark}, with their defaults. */
final class ExperimentBenchOptions extends StackOptions {

    int customers = 1_000_000;
    int resultsRequests = 30;
    double targetResultsMs = 1000;
    double targetApplyRate = 10_000;
    int consumeTimeoutSeconds = 3600;
    String runId = InteractionGenerator.newRunId();
    long seed = 42;
    String experimentUrl = "http://localhost:8083";
    String userClient = "cx-cli";
    String analystUser = "ana.analyst";
    String password = "cx-demo";

    static final String USAGE = """
            usage: ExperimentBenchmark [options]      (normally run through ./cx bench experiment)
              --customers N         customers exposed to the benchmark's experiment; each gets 5 events (a
                                    pre-period purchase, the exposing contact, a survey answer, a purchase in the
                                    window, a follow-up contact or a score) [1000000]
              --results-requests N  measured GET .../results (and as many of the baseline GET .../{id}) [30]
              --target-results MS   results must answer within MS ms (the slowest measured request) [1000]
              --target-apply R      outcome events per second the service must apply: the pipeline's target for
                                    each downstream consumer alone [10000]
              --consume-timeout S   give up waiting for experiment-service to apply the events after S s [3600]
              --run-id ID           part of every customer id and of the experiment's contact reason
              --seed N              seed of the generated outcomes [42]
              --experiment-url URL [http://localhost:8083]
              --keycloak-url URL [http://localhost:8180]    --realm R [cx-value]
              --user-client ID [cx-cli]  --analyst-user U [ana.analyst]  --password P [cx-demo]
              --bootstrap HOST:PORT [127.0.0.1:9092]   Kafka: the events go straight to the topics
              --pid-dir DIR         the stack's pid files ($CX_HOME/run): CPU used per process is reported
              --work-dir DIR        working directory [$TMPDIR/cx-bench]
            """;

    static ExperimentBenchOptions parse(String... args) {
        ExperimentBenchOptions o = new ExperimentBenchOptions();
        CliArgs.parse(args, flag -> false, (arg, value) -> {
            switch (arg) {
                case "--customers" -> o.customers = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--results-requests" -> o.resultsRequests = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--target-results" -> o.targetResultsMs = CliArgs.positive(arg, Double.parseDouble(value));
                case "--target-apply" -> o.targetApplyRate = CliArgs.positive(arg, Double.parseDouble(value));
                case "--consume-timeout" -> o.consumeTimeoutSeconds = (int) CliArgs.positive(arg,
                        Integer.parseInt(value));
                case "--run-id" -> o.runId = value;
                case "--seed" -> o.seed = Long.parseLong(value);
                case "--experiment-url" -> o.experimentUrl = CliArgs.baseUrl(value);
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
