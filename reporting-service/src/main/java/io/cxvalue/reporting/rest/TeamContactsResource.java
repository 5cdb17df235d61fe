package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.ReportingPeriod;
import io.cxvalue.reporting.rest.validation.Identifiers;
import io.cxvalue.reporting.rest.validation.IsoInstant;
import io.cxvalue.reporting.service.TeamReportService;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Team reports for contact-centre managers and analysts. */
@Path("/api/v1/teams/{teamId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MANAGER, Roles.ANALYST})
@SecurityRequirement(name = "bearer")
@Tag(name = "Team reports", description = "KPIs of one team")
public class TeamContactsResource {

    private static final String PROBLEM_JSON = "application/problem+json";
    /** Schemas the resteasy-problem extension adds to the OpenAPI document. */
    private static final String PROBLEM_SCHEMA = "HttpProblem";
    private static final String VALIDATION_PROBLEM_SCHEMA = "HttpValidationProblem";

    private final TeamReportService reports;

    TeamContactsResource(TeamReportService reports) {
        this.reports = reports;
    }

    @GET
    @Operation(summary = "Contact volume and average handle time of a team",
            description = "Counts the team's contacts whose start time lies in [from, to) (millisecond precision; "
                    + "an omitted bound is open). A team without contacts in the period gets zeros.")
    @APIResponse(responseCode = "200", description = "The team's contacts in the period",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TeamContactsResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid team id, unparsable from/to, or from after to; "
            + "'violations' names each invalid parameter",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = VALIDATION_PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @APIResponse(responseCode = "403", description = "The token has neither the manager nor the analyst role",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM_SCHEMA)))
    public Uni<TeamContactsResponse> contacts(
            @Parameter(description = "The team", example = "team-a")
            @PathParam("teamId") @Size(max = Identifiers.ID_MAX)
            @Pattern(regexp = Identifiers.ID_PATTERN, message = Identifiers.ID_MESSAGE) String teamId,
            @Parameter(description = "Earliest contact start included (ISO-8601 instant)",
                    example = "2025-03-01T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("from") @IsoInstant String from,
            @Parameter(description = "Contact start at which the period ends, excluded (ISO-8601 instant)",
                    example = "2025-04-01T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("to") @IsoInstant String to) {
        return reports.contacts(teamId, period(from, to)).map(TeamContactsResponse::from);
    }

    /** The period; the bounds are already known to parse (checked by {@link IsoInstant}). */
    private static ReportingPeriod period(String from, String to) {
        Instant start = from == null ? null : Instant.parse(from);
        Instant end = to == null ? null : Instant.parse(to);
        if (start != null && end != null && start.isAfter(end)) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.BAD_REQUEST)
                    .withTitle("Bad Request")
                    .withDetail("The period [from, to) must not end before it starts")
                    .with("violations", List.of(Map.of(
                            "field", "from",
                            "in", "query",
                            "message", "must not be after 'to'")))
                    .build();
        }
        return new ReportingPeriod(start, end);
    }
}
