package io.cxvalue.ingestion.rest;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.cxvalue.ingestion.ImportJob;
import io.cxvalue.ingestion.config.IngestionConfig;
import io.cxvalue.ingestion.repository.ImportJobRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs import jobs: reads the uploaded file record by record, stores the records in chunks through the kind's batch
 * path (so a record means the same imported as sent in a batch) and records the progress after every chunk. A job
 * left unfinished by a stop of this instance resumes at the next start after its last recorded chunk: records of the
 * interrupted chunk that were stored before the stop are then counted as duplicates (never stored twice), so the
 * job's accepted count can be lower than what it stored by at most one chunk.
 */
@ApplicationScoped
public class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class);

    private final ImportJobRepository jobs;
    private final ImportTargets targets;
    private final BatchReader batches;
    private final IngestionConfig.Imports config;
    private final Clock clock;
    private final ObjectMapper mapper;
    /** CSV cells are text: read "12" as the number 12 there, unlike in JSON bodies. */
    private final ObjectMapper csvMapper;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "cx-import");
        thread.setDaemon(true);
        return thread;
    });

    @SuppressWarnings("deprecation") // configure(MapperFeature) on a copy: the shared mapper stays strict
    public ImportRunner(ImportJobRepository jobs, ImportTargets targets, BatchReader batches, IngestionConfig config,
            Clock clock, ObjectMapper mapper) {
        this.jobs = jobs;
        this.targets = targets;
        this.batches = batches;
        this.config = config.imports();
        this.clock = clock;
        this.mapper = mapper;
        this.csvMapper = mapper.copy().configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, true);
    }

    /** The name this instance gives its jobs, so that it resumes only its own (whose files it holds). */
    static String owner() {
        return System.getenv().getOrDefault("HOSTNAME", "local");
    }

    Path directory() throws IOException {
        return Files.createDirectories(Path.of(config.directory()));
    }

    void submit(ImportJob job, Path file) {
        executor.execute(() -> run(job.jobId(), job.kind(), job.format(), file, 0));
    }

    void onStart(@Observes StartupEvent event) {
        jobs.unfinished(owner()).subscribe().with(unfinished -> unfinished.forEach(this::resume),
                failure -> LOG.warnf("Could not look for unfinished imports: %s", failure.toString()));
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void resume(Document document) {
        ImportJob job = ImportJobRepository.toJob(document);
        Path file = Path.of(document.getString("file"));
        if (!Files.exists(file)) {
            jobs.finish(job.jobId(), ImportJob.State.FAILED, "The file was lost when the instance that received it "
                    + "stopped; upload it again (records already imported will be reported as duplicates)",
                    clock.instant()).subscribe().with(done -> { }, failure -> { });
            return;
        }
        LOG.infof("Resuming import %s after line %d", job.jobId(), job.linesDone());
        executor.execute(() -> run(job.jobId(), job.kind(), job.format(), file, job.linesDone()));
    }

    private void run(String jobId, String kind, ImportJob.Format format, Path file, long skipLines) {
        ImportTargets.Target<?> target = targets.find(kind).orElseThrow();
        try {
            jobs.start(jobId, clock.instant()).await().indefinitely();
            process(jobId, target, format, file, skipLines);
            jobs.finish(jobId, ImportJob.State.COMPLETED, null, clock.instant()).await().indefinitely();
            deleteQuietly(file);
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping: the job resumes at the next start
            }
            LOG.errorf(e, "Import %s failed", jobId);
            jobs.finish(jobId, ImportJob.State.FAILED, "The import stopped: " + e.getMessage(), clock.instant())
                    .await().indefinitely();
            deleteQuietly(file);
        }
    }

    private <Q> void process(String jobId, ImportTargets.Target<Q> target, ImportJob.Format format, Path file,
            long skipLines) throws IOException {
        ObjectReader reader = (format == ImportJob.Format.CSV ? csvMapper : mapper).readerFor(target.type());
        long maxLength = config.maxLineLength().asLongValue();
        try (RecordFile records = RecordFile.open(format, file, maxLength)) {
            List<BatchReader.Read<Q>> chunk = new ArrayList<>(config.chunkSize());
            RecordFile.Row row;
            long lastLine = skipLines;
            while ((row = records.next()) != null) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IOException("interrupted");
                }
                if (row.line() <= skipLines) {
                    continue;
                }
                lastLine = row.line();
                chunk.add(row.json() == null
                        ? new BatchReader.Read<>(chunk.size(), (int) row.line(), null, List.of(new FieldViolation("",
                                "is longer than " + maxLength + " characters")))
                        : batches.decode(reader, row.json(), chunk.size(), (int) row.line()));
                if (chunk.size() == config.chunkSize()) {
                    store(jobId, target, chunk, lastLine);
                    chunk = new ArrayList<>(config.chunkSize());
                }
            }
            store(jobId, target, chunk, lastLine);
        }
    }

    private <Q> void store(String jobId, ImportTargets.Target<Q> target, List<BatchReader.Read<Q>> chunk,
            long lastLine) {
        if (chunk.isEmpty()) {
            return;
        }
        List<BatchResponse.Item> items = target.store().apply(chunk).await().indefinitely();
        long accepted = items.stream().filter(i -> i.outcome() == BatchResponse.Outcome.ACCEPTED).count();
        long duplicates = items.stream().filter(i -> i.outcome() == BatchResponse.Outcome.DUPLICATE).count();
        List<ImportJob.Rejection> rejections = items.stream()
                .filter(i -> i.outcome() == BatchResponse.Outcome.REJECTED)
                .map(i -> new ImportJob.Rejection(i.line(), i.violations().stream()
                        .map(v -> new ImportJob.Violation(v.field(), v.message())).toList()))
                .toList();
        jobs.progress(jobId, accepted, duplicates, rejections, rejections.size(), lastLine,
                config.keptRejections()).await().indefinitely();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete %s: %s", file, e.toString());
        }
    }
}
