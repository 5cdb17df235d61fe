package io.cxvalue.ingestion.rest;

import static io.cxvalue.support.rest.Problems.PROBLEM_JSON;

import io.cxvalue.ingestion.repository.VerbatimRepository;
import io.cxvalue.ingestion.repository.VerbatimRepository.Verbatim;
import io.cxvalue.support.rest.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Verbatims for the voice of the customer: the survey comments and contact notes and transcripts behind a term
 * reporting ranks. They are personal data and live only here; an erasure removes them from every answer of this
 * endpoint.
 */
@Path("/api/v1/verbatims")
@Tag(name = "Voice of the customer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("analyst")
public class VerbatimResource {

    private static final int MAX_LIMIT = 100;
    private static final Duration MAX_PERIOD = Duration.ofDays(400);

    private final VerbatimRepository verbatims;

    public VerbatimResource(VerbatimRepository verbatims) {
        this.verbatims = verbatims;
    }

    /** The comments found. */
    public record VerbatimsView(String term, Instant from, Instant to, List<Verbatim> verbatims) {
    }

    @GET
    @Operation(summary = "Survey comments and contact notes with a term",
            description = "The latest texts of [from, to) whose extracted terms include `term` (the key reporting's "
                    + "voice-of-the-customer themes name, e.g. `long wait`), newest first: survey comments (answered "
                    + "then, with the answer's scores and contact) and interaction notes and transcripts (contacts "
                    + "started then; the notes and the transcript around the term). `source`: survey, contact or "
                    + "all (default).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = VerbatimsView.class)))
    @APIResponse(responseCode = "400", description = "A parameter is missing or out of range; violations name it",
            content = @Content(mediaType = PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM_JSON))
    @APIResponse(responseCode = "403", description = "The token lacks the analyst role",
            content = @Content(mediaType = PROBLEM_JSON))
    public Uni<VerbatimsView> find(@QueryParam("term") String term, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") @DefaultValue("20") String limit,
            @QueryParam("source") @DefaultValue("all") String source) {
        List<Problems.Violation> violations = new ArrayList<>();
        if (term == null || term.isBlank() || term.length() > 100) {
            violations.add(violation("term", "is required, 1 to 100 characters"));
        }
        Instant start = instant("from", from, violations);
        Instant end = instant("to", to, violations);
        if (start != null && end != null && (!end.isAfter(start) || Duration.between(start, end).compareTo(
                MAX_PERIOD) > 0)) {
            violations.add(violation("to", "must be after from, at most 400 days later"));
        }
        int max = 0;
        try {
            max = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1 || max > MAX_LIMIT) {
            violations.add(violation("limit", "must be from 1 to " + MAX_LIMIT));
        }
        List<VerbatimRepository.Source> sources = switch (source) {
            case "all" -> List.of(VerbatimRepository.Source.values());
            case "survey" -> List.of(VerbatimRepository.Source.SURVEY);
            case "contact" -> List.of(VerbatimRepository.Source.CONTACT);
            default -> {
                violations.add(violation("source", "must be survey, contact or all"));
                yield List.of();
            }
        };
        if (!violations.isEmpty()) {
            throw Problems.invalid("Invalid verbatim query", "query", violations);
        }
        return verbatims.withTerm(term, start, end, max, sources)
                .map(found -> new VerbatimsView(term, start, end, found));
    }

    private static Instant instant(String name, String value, List<Problems.Violation> violations) {
        if (value == null) {
            violations.add(violation(name, "is required, an ISO instant such as 2026-11-01T00:00:00Z"));
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(violation(name, "must be an ISO instant such as 2026-11-01T00:00:00Z"));
            return null;
        }
    }

    private static Problems.Violation violation(String field, String message) {
        return new Problems.Violation(field, message);
    }
}
