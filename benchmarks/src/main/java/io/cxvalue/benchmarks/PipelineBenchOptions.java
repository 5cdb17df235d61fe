package io.cxvalue.benchmarks;

/** Command-line options of {@link PipelineBenchmark}, with their defaults. */
final class PipelineBenchOptions extends StackOptions {

    long interactions = 200_000;
    int batch = 1000;
    int concurrency = 4;
    int customers = 50_000;
    int teams = 33;
    /** 0: the days a 5,000,000-contact-a-year centre takes to handle the burst. */
    int days = 0;
    double surveyShare = 0.2;
    double transactionShare = 0.1;
    double targetEndToEnd = 5000;
    double targetConsumer = 10_000;
    int timeoutSeconds = 1800;
    String runId = InteractionGenerator.newRunId();
    /** all: burst and the consumers along; burst: post only; drain: time one service's consumers on the backlog. */
    String phase = "all";
    String drainService;

    /** 5,000,000 contacts a year, the 500-agent centre of the targets. */
    static final long CENTRE_CONTACTS_PER_DAY = 13_700;

    static final String USAGE = """
            usage: PipelineBenchmark [options]        (normally run through ./cx bench pipeline)
              --interactions N        the burst: interactions posted through ingestion's batch endpoint [200000]
              --survey-share X        a survey answer per interaction with this probability [0.2]
              --transaction-share X   a purchase per interaction with this probability [0.1]
              --customers N           customers the records are spread over [50000]
              --teams N  --days N     teams and days (before now) the interactions are spread over, as a backfill
                                      of history [33, the days a 5,000,000-a-year centre takes: N / 13,700]
              --batch N  --concurrency N              records per request, requests in flight [1000, 4]
              --target-end-to-end R   interactions/s from the first request until every downstream consumer has
                                      applied everything [5000]
              --target-consumer R     events/s each consumer applies once the burst is accepted [10000]
              --timeout S             give up waiting for a consumer after S s [1800]
              --phase all|burst|drain  all: the burst with every running consumer along [all]; burst: post only;
                                      drain: how fast --drain-service's consumers apply the backlog they find
                                      (./cx bench pipeline --consumers-alone runs burst, then drain for each
                                      service started alone)
              --drain-service NAME    scoring-service, experiment-service or reporting-service
              --run-id ID
              --ingestion-url URL [http://localhost:8081]   --keycloak-url URL [http://localhost:8180]
              --realm R [cx-value]  --client-id ID  --client-secret S   channel-gateway client for ingestion
              --bootstrap HOST:PORT [127.0.0.1:9092]   --pid-dir DIR   --work-dir DIR
            """;

    static PipelineBenchOptions parse(String... args) {
        PipelineBenchOptions o = new PipelineBenchOptions();
        CliArgs.parse(args, flag -> false, (arg, value) -> {
            switch (arg) {
                case "--interactions" -> o.interactions = CliArgs.positive(arg, Long.parseLong(value));
                case "--survey-share" -> o.surveyShare = share(arg, Double.parseDouble(value));
                case "--transaction-share" -> o.transactionShare = share(arg, Double.parseDouble(value));
                case "--customers" -> o.customers = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--teams" -> o.teams = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--days" -> o.days = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--batch" -> o.batch = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--concurrency" -> o.concurrency = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--target-end-to-end" -> o.targetEndToEnd = CliArgs.positive(arg, Double.parseDouble(value));
                case "--target-consumer" -> o.targetConsumer = CliArgs.positive(arg, Double.parseDouble(value));
                case "--timeout" -> o.timeoutSeconds = (int) CliArgs.positive(arg, Integer.parseInt(value));
                case "--run-id" -> o.runId = value;
                case "--phase" -> o.phase = oneOf(arg, value, "all", "burst", "drain");
                case "--drain-service" -> o.drainService = oneOf(arg, value, "scoring-service",
                        "experiment-service", "reporting-service");
                default -> {
                    return o.setStackOption(arg, value);
                }
            }
            return true;
        });
        if (o.days == 0) {
            o.days = (int) Math.max(1, (o.interactions + CENTRE_CONTACTS_PER_DAY - 1) / CENTRE_CONTACTS_PER_DAY);
        }
        if (o.phase.equals("drain") && o.drainService == null) {
            throw new IllegalArgumentException("--phase drain needs --drain-service");
        }
        return o;
    }

    private static String oneOf(String arg, String value, String... allowed) {
        if (!java.util.List.of(allowed).contains(value)) {
            throw new IllegalArgumentException(arg + " must be one of " + String.join(", ", allowed) + ", not "
                    + value);
        }
        return value;
    }

    private static double share(String arg, double value) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(arg + " must be between 0 and 1, not " + value);
        }
        return value;
    }
}
