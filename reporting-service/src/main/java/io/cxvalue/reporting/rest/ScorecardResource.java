package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.kpi.Dimension;
import io.cxvalue.reporting.kpi.Granularity;
import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.kpi.KpiQuery;
import io.cxvalue.reporting.scorecard.AgentScorecard;
import io.cxvalue.reporting.service.KpiQueryService;
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

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Agent scorecards and the coaching list: what customers felt next to what quality reviewers scored. */
@Path("/api/v1/scorecards")
@Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
@RolesAllowed({Roles.MANAGER, Roles.ANALYST})
@Tag(name = "Agent scorecards", description = "Felt valued and CSAT next to internal quality, per agent")
public class ScorecardResource {

    static final String COACHING_EXAMPLE = """
            {"from":"2026-02-01T00:00:00Z","to":"2026-03-01T00:00:00Z","filters":{"team":["team-north"]},
            "minAnswers":30,"minEvaluations":5,"agentsConsidered":12,"coaching":[{"agentId":"agent-7",
            "contactsHandled":812.0,"feltValued":{"value":0.58,"base":143,"low":0.498,"high":0.658},
            "csat":{"value":0.66,"base":150,"low":0.58,"high":0.73},"csatMean":{"value":3.8,"base":150,"low":3.6,
            "high":4.0},"quality":{"value":92.0,"base":14,"low":89.1,"high":94.9},"criteria":[{"name":"empathy",
            "score":{"value":90.0,"base":14,"low":86.0,"high":94.0}}],"gap":{"points":-34.0,"low":-42.4,"high":-25.6,
            "clear":true,"direction":"CHECKLIST_ABOVE_CUSTOMERS","words":"rated 92 by quality reviewers (n = 14), but
            only 58 % of customers felt valued (n = 143): coach on the customer's experience, not the checklist"}}]}
            """;

    private final KpiQueryService kpis;
    private final ReadableTeams teams;
    private final PeriodRules periods;
    private final SecurityIdentity identity;
    private final ZoneId defaultZone;
    private final ReportingConfig.Coaching coaching;

    ScorecardResource(KpiQueryService kpis, ReadableTeams teams, PeriodRules periods, SecurityIdentity identity,
            ReportingConfig config) {
        this.kpis = kpis;
        this.teams = teams;
        this.periods = periods;
        this.identity = identity;
        this.defaultZone = config.kpi().timeZones().get(0);
        this.coaching = config.coaching();
    }

    /** The agents' scorecards for the period and filters, with the bases the gaps need. */
    private record Cards(ReportParams.Parsed params, int minAnswers, int minEvaluations, List<AgentScorecard> cards) {
    }

    @GET
    @Operation(summary = "Agent scorecards",
            description = "Per agent with handled contacts in [from, to): felt valued and CSAT (share of 4-5 answers, "
                    + "Wilson 95 % interval), mean CSAT, the quality score and each criterion (mean, t interval), and "
                    + "the gap felt valued (in points of 100) minus quality, with its interval and whether it is "
                    + "clear. Period rules and team scope as for the KPIs (day buckets).")
    @APIResponse(responseCode = "200", description = "One page of scorecards; as CSV one line per agent",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScorecardResponse.class)),
                    @Content(mediaType = CsvWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "'violations' names each invalid parameter",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    @APIResponse(responseCode = "403", description = "Neither manager nor analyst, or a team the manager does not "
            + "manage", content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Uni<ScorecardResponse> scorecards(@BeanParam ReportParams params,
            @Parameter(description = "Fewest felt-valued answers for a clear gap; default from configuration",
                    example = "30") @QueryParam("minAnswers") String minAnswers,
            @Parameter(description = "Fewest quality evaluations for a clear gap; default from configuration",
                    example = "5") @QueryParam("minEvaluations") String minEvaluations) {
        return cards(params, minAnswers, minEvaluations).map(c -> new ScorecardResponse(c.params().from(),
                c.params().to(), c.params().filterEcho(), c.minAnswers(), c.minEvaluations(),
                KpiResponse.Page.of(c.params().page(), c.params().size(), c.cards().size()),
                KpiResponse.Page.slice(c.cards(), c.params().page(), c.params().size())));
    }

    @GET
    @Path("/coaching")
    @Operation(summary = "Who to coach on what",
            description = "The agents whose customers and quality reviewers clearly disagree (both bases at their "
                    + "minimum, the gap's 95 % interval excluding zero), the largest gap first, both ways round: "
                    + "reviewers above customers (coach on the customer's experience) and customers above reviewers "
                    + "(the checklist may measure the wrong thing), each in words.")
    @APIResponse(responseCode = "200", description = "The ranked list; as CSV one line per agent with its rank",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CoachingResponse.class),
                    examples = @ExampleObject(name = "one agent to coach", value = COACHING_EXAMPLE)),
                    @Content(mediaType = CsvWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "'violations' names each invalid parameter",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    @APIResponse(responseCode = "403", description = "Neither manager nor analyst, or a team the manager does not "
            + "manage", content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Uni<CoachingResponse> coaching(@BeanParam ReportParams params,
            @Parameter(description = "Fewest felt-valued answers for a clear gap", example = "30")
            @QueryParam("minAnswers") String minAnswers,
            @Parameter(description = "Fewest quality evaluations for a clear gap", example = "5")
            @QueryParam("minEvaluations") String minEvaluations) {
        return cards(params, minAnswers, minEvaluations).map(c -> {
            List<AgentScorecard> ranked = c.cards().stream()
                    .filter(a -> a.gap() != null && a.gap().clear())
                    .sorted(Comparator.comparingDouble((AgentScorecard a) -> -Math.abs(a.gap().points()))
                            .thenComparing(AgentScorecard::agentId))
                    .toList();
            return new CoachingResponse(c.params().from(), c.params().to(), c.params().filterEcho(),
                    c.minAnswers(), c.minEvaluations(), c.cards().size(), ranked);
        });
    }

    private Uni<Cards> cards(ReportParams params, String minAnswers, String minEvaluations) {
        List<Problems.Violation> violations = new ArrayList<>();
        ReportParams.Parsed p = params.parse(defaultZone, violations);
        int answers = ReportParams.integer("minAnswers", minAnswers, coaching.minAnswers(), 1, 1_000_000,
                violations);
        int evaluations = ReportParams.integer("minEvaluations", minEvaluations, coaching.minEvaluations(), 1,
                1_000_000, violations);
        periods.check(p, Granularity.DAY, violations);
        if (!violations.isEmpty()) {
            throw Problems.invalidQuery(violations);
        }
        return teams.of(identity, p.teams())
                .chain(readable -> kpis.totalsByGroup(new KpiQuery(p.from(), p.to(), Granularity.DAY, p.zone(),
                        Dimension.AGENT, p.filters(), List.of(), readable)))
                .map(byAgent -> {
                    List<AgentScorecard> cards = new ArrayList<>();
                    for (Map.Entry<String, KpiCell> agent : byAgent.entrySet()) {
                        cards.add(AgentScorecard.of(agent.getKey(), agent.getValue(), answers, evaluations));
                    }
                    return new Cards(p, answers, evaluations, cards);
                });
    }
}
