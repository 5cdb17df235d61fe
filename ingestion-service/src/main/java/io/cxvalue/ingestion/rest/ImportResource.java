package io.cxvalue.ingestion.rest;

import io.cxvalue.ingestion.ImportJob;
import io.cxvalue.ingestion.repository.ImportJobRepository;
import io.cxvalue.ingestion.rest.validation.Identifier;
import io.cxvalue.support.rest.Problems;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;

/** Bulk imports of CSV and NDJSON files, run as jobs a client follows. */
@Path("/api/v1/imports")
@Tag(name = "Imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    static final String CSV = "text/csv";

    private final ImportTargets targets;
    private final ImportRunner runner;
    private final ImportJobRepository jobs;
    private final Clock clock;

    public ImportResource(ImportTargets targets, ImportRunner runner, ImportJobRepository jobs, Clock clock) {
        this.targets = targets;
        this.runner = runner;
        this.jobs = jobs;
        this.clock = clock;
    }

    @POST
    @Path("/{kind}")
    @Consumes({CSV, BatchReader.NDJSON})
    @RolesAllowed("ingest")
    // The body is copied to disk as it arrives, on a worker thread: never held whole in memory.
    @Blocking
    @Operation(summary = "Import a file of records",
            description = "The body is the file: NDJSON (application/x-ndjson, one record per line) or CSV (text/csv,"
                    + " a header row naming each column's field path, e.g. sale.amount or identities.phones[0]). "
                    + "Kinds: interactions, survey-responses, quality-evaluations, transactions, customers. Up to 2 "
                    + "GiB (MAX_IMPORT_SIZE). The job runs in the background; follow it at the returned location.")
    @APIResponse(responseCode = "202", description = "Received; the job is queued",
            content = @Content(schema = @Schema(implementation = ImportJobView.class)))
    @APIResponse(responseCode = "400", description = "Empty file", content = @Content(mediaType = PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "No such kind", content = @Content(mediaType = PROBLEM_JSON))
    public Response upload(@PathParam("kind") String kind, InputStream body, @Context HttpHeaders headers,
            @Context UriInfo uriInfo) throws IOException {
        if (targets.find(kind).isEmpty()) {
            throw Problems.notFound("Files can be imported as " + String.join(", ", ImportTargets.kinds()));
        }
        ImportJob.Format format = headers.getMediaType() != null
                && headers.getMediaType().isCompatible(MediaType.valueOf(CSV))
                ? ImportJob.Format.CSV : ImportJob.Format.NDJSON;
        String jobId = UUID.randomUUID().toString();
        java.nio.file.Path file = runner.directory().resolve(jobId + (format == ImportJob.Format.CSV ? ".csv" : ".ndjson"));
        long size;
        try (InputStream in = body) {
            size = Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (size == 0) {
            Files.deleteIfExists(file);
            throw Problems.of(Response.Status.BAD_REQUEST.getStatusCode(), "Bad Request", "The file is empty");
        }
        ImportJob job = new ImportJob(jobId, kind, format, ImportJob.State.QUEUED, size, 0, 0, 0, 0, 0, List.of(),
                clock.instant(), null, null, null);
        jobs.create(job, ImportRunner.owner(), file.toString()).await().indefinitely();
        runner.submit(job, file);
        return Response.accepted(ImportJobView.of(job, clock.instant()))
                .location(uriInfo.getBaseUriBuilder().path("api/v1/imports").path(jobId).build())
                .build();
    }

    @GET
    @Path("/{jobId}")
    @RolesAllowed({"ingest", "admin"})
    @Operation(summary = "Follow an import job: state, counts, rejected lines with reasons, throughput")
    @APIResponse(responseCode = "404", description = "No such job", content = @Content(mediaType = PROBLEM_JSON))
    public Uni<ImportJobView> get(@PathParam("jobId") @Identifier String jobId) {
        return jobs.find(jobId).map(found -> found.map(job -> ImportJobView.of(job, clock.instant()))
                .orElseThrow(() -> RecordResponses.notFound("import job", jobId)));
    }
}
