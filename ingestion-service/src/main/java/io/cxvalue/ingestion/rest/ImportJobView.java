package io.cxvalue.ingestion.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cxvalue.ingestion.ImportJob;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** An import job as a client follows it. */
@Schema(name = "ImportJob")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJobView(
        String jobId,
        @Schema(description = "What the file holds", examples = "interactions") String kind,
        ImportJob.Format format,
        ImportJob.State state,
        @Schema(description = "Size of the uploaded file") long fileBytes,
        @Schema(description = "Records read so far (accepted + duplicates + rejected)") long processed,
        long accepted,
        long duplicates,
        long rejected,
        @Schema(description = "Records processed per second of running time") double recordsPerSecond,
        @Schema(description = "The first rejected records with their line and reasons; all are counted in rejected")
        List<ImportJob.Rejection> rejections,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "Why a FAILED job stopped") String error) {

    static ImportJobView of(ImportJob job, Instant now) {
        return new ImportJobView(job.jobId(), job.kind(), job.format(), job.state(), job.fileBytes(),
                job.processed(), job.accepted(), job.duplicates(), job.rejected(),
                Math.round(job.recordsPerSecond(now) * 10) / 10.0, job.rejections(), job.createdAt(),
                job.startedAt(), job.finishedAt(), job.error());
    }
}
