package io.cxvalue.benchmarks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.cxvalue.benchmarks.CliArgs.notNegative;
import static io.cxvalue.benchmarks.CliArgs.positive;

/** Command-line options of {@link IngestionBenchmark}, with their defaults. */
final class BenchOptions extends StackOptions {

    static final List<String> ALL_PHASES = List.of("baseline", "batch", "import", "csv");

    long records = 200_000;
    int concurrency = 8;
    int batch = 1000;
    // A fresh ingestion-service reaches its steady state after about 500,000 records on 2 cores (its JIT compiles
    // while the stack saturates both): fewer leaves compilation in the figures, and a second run would differ.
    long warmup = 500_000;
    long importRecords = 100_000;
    long csvRecords = 20_000;
    long baselineRecords = 500_000;
    int customers = 5000;
    int partitions = 6;
    Set<String> phases = new LinkedHashSet<>(ALL_PHASES);
    String runId = InteractionGenerator.newRunId();
    String mongoBackend = "unknown";
    double target = 20_000;
    int idleTimeoutSeconds = 120;
    boolean keepFiles;

    static final String USAGE = """
            usage: IngestionBenchmark [options]      (normally run through ./cx bench ingestion)
              --records N           interactions through the batch endpoint, measured [200000]
              --concurrency C       concurrent HTTP clients of the batch phase [8]
              --batch B             records per batch request (the endpoint takes at most 1000) [1000]
              --warmup N            batch records sent first and left out of the figures [500000]
              --import-records M    interactions in the NDJSON bulk import [100000]
              --csv-records K       interactions in the CSV bulk import [20000]
              --baseline-records R  records of Kafka's producer baseline [500000]
              --customers N         distinct customers (new ones per run) [5000]
              --partitions P        partitions of the baseline's scratch topic (as cx.interactions) [6]
              --phases LIST         comma-separated subset of baseline,batch,import,csv [all]
              --run-id ID           part of every externalId; unique per run unless given [time + random]
              --target R            records/s the batch path must sustain end to end [20000]
              --idle-timeout S      give up waiting for records on the topic after S s without progress [120]
              --ingestion-url URL [http://localhost:8081]   --keycloak-url URL [http://localhost:8180]
              --realm R [cx-value]  --client-id ID [channel-gateway]  --client-secret S [channel-gateway-dev-secret]
              --bootstrap HOST:PORT [127.0.0.1:9092]
              --pid-dir DIR         the stack's pid files ($CX_HOME/run): CPU used per process is reported
              --work-dir DIR        where import files are written [$TMPDIR/cx-bench]
              --keep-files          keep the import files
              --mongo-backend NAME  shown in the report (./cx passes the running backend)
            """;

    static BenchOptions parse(String... args) {
        BenchOptions o = new BenchOptions();
        CliArgs.parse(args, flag -> {
            if (flag.equals("--keep-files")) {
                o.keepFiles = true;
                return true;
            }
            return false;
        }, (arg, value) -> {
            switch (arg) {
                case "--records" -> o.records = positive(arg, Long.parseLong(value));
                case "--concurrency" -> o.concurrency = (int) positive(arg, Integer.parseInt(value));
                case "--batch" -> {
                    o.batch = (int) positive(arg, Integer.parseInt(value));
                    if (o.batch > 1000) {
                        throw new IllegalArgumentException("--batch: the endpoint takes at most 1000 records");
                    }
                }
                case "--warmup" -> o.warmup = notNegative(arg, Long.parseLong(value));
                case "--import-records" -> o.importRecords = positive(arg, Long.parseLong(value));
                case "--csv-records" -> o.csvRecords = positive(arg, Long.parseLong(value));
                case "--baseline-records" -> o.baselineRecords = positive(arg, Long.parseLong(value));
                case "--customers" -> o.customers = (int) positive(arg, Integer.parseInt(value));
                case "--partitions" -> o.partitions = (int) positive(arg, Integer.parseInt(value));
                case "--phases" -> o.phases = CliArgs.phases(value, ALL_PHASES);
                case "--run-id" -> o.runId = value;
                case "--target" -> o.target = Double.parseDouble(value);
                case "--idle-timeout" -> o.idleTimeoutSeconds = (int) positive(arg, Integer.parseInt(value));
                case "--mongo-backend" -> o.mongoBackend = value;
                default -> {
                    return o.setStackOption(arg, value);
                }
            }
            return true;
        });
        // Validates the run id early (the generator's rule).
        new InteractionGenerator(o.runId, o.customers, java.time.Instant.now());
        return o;
    }
}
