package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.journey.Journeys;
import io.cxvalue.reporting.service.JourneyService;
import io.cxvalue.support.rest.Problems;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Customers' journeys through their issues: where "the customer was sent around" becomes visible. */
@Path("/api/v1/journeys")
@Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
@RolesAllowed({Roles.MANAGER, Roles.ANALYST})
@Tag(name = "Journeys", description = "Issues from first contact to resolution, per reason, and the worst ones")
public class JourneyResource {

    static final int DEFAULT_WORST = 20;
    static final int MAX_WORST = 200;
    static final String EXAMPLE = """
            {"from":"2026-03-01T00:00:00Z","to":"2026-03-08T00:00:00Z","filters":{"team":["team-north"]},
            "asOf":"2026-03-20T08:00:00Z","issues":212,"openIssues":0,"byReason":[{"reason":"billing","issues":120,
            "closedIssues":120,"touchpoints":{"1":88,"2":21,"3":7,"4":3,"5+":1},"meanTouchpoints":1.41,
            "meanChannels":1.12,"meanTransfers":0.3,"meanRunaround":0.42,"resolvedShare":0.93,"resolvedIssues":112,
            "medianResolutionSeconds":410.0,"p90ResolutionSeconds":96400.0}],"worst":[{"rank":1,
            "customerId":"cust-77","reason":"billing","openedAt":"2026-03-02T09:00:00Z","touchpoints":5,"channels":3,
            "transfers":4,"runaround":6,"endedResolved":false,"open":false,"contacts":[{"interactionId":"int-1",
            "startedAt":"2026-03-02T09:00:00Z","channel":"VOICE","teamId":"team-north","agentId":"agent-7",
            "transfers":2,"resolved":false}]}]}""";

    private final JourneyService journeys;
    private final ReadableTeams teams;
    private final PeriodRules periods;
    private final SecurityIdentity identity;
    private final ZoneId defaultZone;

    JourneyResource(JourneyService journeys, ReadableTeams teams, PeriodRules periods, SecurityIdentity identity,
            ReportingConfig config) {
        this.journeys = journeys;
        this.teams = teams;
        this.periods = periods;
        this.identity = identity;
        this.defaultZone = config.kpi().timeZones().get(0);
    }

    @GET
    @Operation(summary = "Issue journeys",
            description = "The issues opened in [from, to) (by the opening contact's team, agent, channel, reason, "
                    + "department and campaign): per contact reason the distribution over closed issues of "
                    + "touchpoints (1, 2, 3, 4, 5+), channels crossed, transfers, runaround, the share that ended "
                    + "resolved and the median and 90th percentile time to resolution; and the worst journeys (most "
                    + "touchpoints, then most runaround, then longest) with their contacts in order, across teams "
                    + "and merged customers. Periods of at most max-raw-days (31) days; team scope as for the KPIs.")
    @APIResponse(responseCode = "200", description = "The journeys; as CSV one line per reason",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JourneyResponse.class),
                    examples = @ExampleObject(name = "a week of one team", value = EXAMPLE)),
                    @Content(mediaType = CsvWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "'violations' names each invalid parameter",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    @APIResponse(responseCode = "403", description = "Neither manager nor analyst, or a team the manager does not "
            + "manage", content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Uni<JourneyResponse> journeys(@BeanParam ReportParams params,
            @Parameter(description = "How many worst journeys to list, at most " + MAX_WORST, example = "20")
            @QueryParam("worst") String worst) {
        List<Problems.Violation> violations = new ArrayList<>();
        ReportParams.Parsed p = params.parse(defaultZone, violations);
        int limit = ReportParams.integer("worst", worst, DEFAULT_WORST, 0, MAX_WORST, violations);
        periods.checkRaw(p, violations);
        if (!violations.isEmpty()) {
            throw Problems.invalidQuery(violations);
        }
        Instant asOf = Instant.now();
        return teams.of(identity, p.teams())
                .chain(readable -> journeys.journeys(p.from(), p.to(), p.filters(), readable, limit))
                .map(result -> {
                    List<JourneyResponse.Worst> worstJourneys = new ArrayList<>();
                    for (Journeys.Journey j : result.worst()) {
                        worstJourneys.add(new JourneyResponse.Worst(worstJourneys.size() + 1, j.customerId(),
                                j.reason(), j.openedAt(), j.issue().touchpoints(), j.issue().channels(),
                                j.issue().transfers(), j.issue().runaround(), j.issue().endedResolved(),
                                j.issue().resolutionSeconds(), !j.closedBy(asOf), j.contacts()));
                    }
                    long open = result.opened().stream().filter(j -> !j.closedBy(asOf)).count();
                    return new JourneyResponse(p.from(), p.to(), p.filterEcho(), asOf, result.opened().size(), open,
                            Journeys.byReason(result.opened(), asOf), worstJourneys);
                });
    }
}
