package io.cxvalue.ingestion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A bulk import of a file of records: its progress and what became of the records so far.
 *
 * @param kind        what the file holds, as named in the path: interactions, survey-responses, ...
 * @param linesDone   the file's lines fully processed (a resumed job skips them)
 * @param rejections  the first rejected records with their line and reasons (at most the configured number)
 */
public record ImportJob(String jobId, String kind, Format format, State state, long fileBytes, long processed,
                        long accepted, long duplicates, long rejected, long linesDone, List<Rejection> rejections,
                        Instant createdAt, Instant startedAt, Instant finishedAt, String error) {

    public enum Format { CSV, NDJSON }

    public enum State { QUEUED, RUNNING, COMPLETED, FAILED }

    /** A rejected record: its line in the file and what is wrong with it. */
    public record Rejection(long line, List<Violation> violations) {
    }

    /** One reason a record was rejected. */
    public record Violation(String field, String message) {
    }

    /** Records processed per second of running time (to now while running). */
    public double recordsPerSecond(Instant now) {
        if (startedAt == null || processed == 0) {
            return 0;
        }
        Instant end = finishedAt != null ? finishedAt : now;
        double seconds = Math.max(Duration.between(startedAt, end).toNanos() / 1e9, 1e-3);
        return processed / seconds;
    }
}
