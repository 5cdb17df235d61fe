package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.kpi.Dimension;
import io.cxvalue.reporting.kpi.Granularity;
import io.cxvalue.reporting.kpi.KpiQuery;
import io.cxvalue.reporting.kpi.Measure;
import io.cxvalue.reporting.service.FreshnessService;
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

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The contact-centre KPIs: one query surface for every measure, bucket, grouping and filter. */
@Path("/api/v1/kpis")
@Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
@RolesAllowed({Roles.MANAGER, Roles.ANALYST})
@Tag(name = "KPIs", description = "Service and experience measures per team, agent, channel, reason and period")
public class KpiResource {

    static final List<Measure> DEFAULT_MEASURES = List.of(Measure.CONTACTS_OFFERED, Measure.CONTACTS_HANDLED,
            Measure.ABANDONMENT_RATE, Measure.SERVICE_LEVEL, Measure.AHT, Measure.FCR_RATE, Measure.CSAT,
            Measure.NPS);
    static final String KPI_EXAMPLE = """
            {"query":{"from":"2026-03-02T00:00:00Z","to":"2026-03-03T00:00:00Z","granularity":"day","zone":"UTC",
            "groupBy":"agent","filters":{"team":["team-north"]},"measures":["contacts_handled","aht","fcr_rate"],
            "source":"rollups"},
            "freshness":{"latestEventAppliedAt":"2026-03-02T16:59:58Z","consumerLag":0,
            "completeUpTo":"2026-03-02T17:00:00.120Z","asOf":"2026-03-02T17:00:00.120Z"},
            "page":{"number":0,"size":500,"totalRows":1,"totalPages":1},
            "rows":[{"start":"2026-03-02T00:00:00Z","end":"2026-03-03T00:00:00Z","date":"2026-03-02",
            "group":"agent-7","measures":{"contacts_handled":{"value":41.0,"unit":"count"},
            "aht":{"value":312.5,"base":41.0,"unit":"seconds"},
            "fcr_rate":{"value":0.8,"base":35.0,"unit":"share"}}}]}""";
    static final String KPI_CSV_EXAMPLE = """
            start,end,date,agent,contacts_handled,aht,aht_base,fcr_rate,fcr_rate_base
            2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,2026-03-02,agent-7,41,312.5,41,0.8,35
            """;

    private final KpiQueryService kpis;
    private final FreshnessService freshness;
    private final SecurityIdentity identity;
    private final ReadableTeams teams;
    private final PeriodRules periods;
    private final ZoneId defaultZone;

    KpiResource(KpiQueryService kpis, FreshnessService freshness, SecurityIdentity identity, ReadableTeams teams,
            PeriodRules periods, ReportingConfig config) {
        this.periods = periods;
        this.kpis = kpis;
        this.teams = teams;
        this.freshness = freshness;
        this.identity = identity;
        this.defaultZone = config.kpi().timeZones().get(0);
    }

    @GET
    @Operation(summary = "KPIs per bucket and group",
            description = "Counts the contacts that started in [from, to), cut into buckets of the granularity in "
                    + "the time zone, grouped by one dimension, filtered by any (values of one filter are "
                    + "alternatives; different filters must all hold). Each figure carries its base. A manager sees "
                    + "only the teams of their token's 'teams' claim: naming another team is 403; without a team "
                    + "filter the answer covers their teams. Definitions: docs/ARCHITECTURE.md.")
    @APIResponse(responseCode = "200", description = "One page of rows; as CSV (Accept: text/csv) a header row, "
            + "then per row start, end, date, the group and each measure's value and base, with the freshness and "
            + "the total row count in Cx-* response headers",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = KpiResponse.class),
                    examples = @ExampleObject(name = "daily by agent", value = KPI_EXAMPLE)),
                    @Content(mediaType = CsvWriter.TEXT_CSV, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "daily by agent", value = KPI_CSV_EXAMPLE))})
    @APIResponse(responseCode = "400", description = "'violations' names each invalid parameter",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    @APIResponse(responseCode = "403", description = "Neither manager nor analyst, or a team the manager does not "
            + "manage", content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Uni<KpiResponse> kpis(
            @BeanParam ReportParams params,
            @Parameter(description = "Bucket length: 15m, hour, day, week (Monday to Sunday) or month",
                    example = "day", schema = @Schema(enumeration = {"15m", "hour", "day", "week", "month"}))
            @QueryParam("granularity") String granularity,
            @Parameter(description = "Group by team, agent, channel, reason, department or campaign; default none",
                    example = "agent", schema = @Schema(enumeration = {"none", "team", "agent", "channel", "reason",
                    "department", "campaign"})) @QueryParam("groupBy") String groupBy,
            @Parameter(description = "Measures, comma-separated or repeated; default: contacts_offered, "
                    + "contacts_handled, abandonment_rate, service_level, aht, fcr_rate, csat, nps",
                    example = "contacts_handled,aht,aht_p90,fcr_rate,issues_open,csat",
                    schema = @Schema(type = SchemaType.ARRAY)) @QueryParam("measures") List<String> measures) {
        List<Problems.Violation> violations = new ArrayList<>();
        ReportParams.Parsed p = params.parse(defaultZone, violations);
        Granularity grain = granularity == null ? Granularity.DAY : Granularity.byKey(granularity).orElse(null);
        if (grain == null) {
            violations.add(new Problems.Violation("granularity", "must be one of 15m, hour, day, week, month"));
        }
        Dimension group = null;
        if (groupBy != null && !groupBy.equals("none")) {
            group = Dimension.byKey(groupBy).orElse(null);
            if (group == null) {
                violations.add(new Problems.Violation("groupBy",
                        "must be one of none, team, agent, channel, reason, department, campaign"));
            }
        }
        List<Measure> wanted = measures(measures, violations);
        periods.check(p, grain, violations);
        if (!violations.isEmpty()) {
            throw Problems.invalidQuery(violations);
        }
        Dimension grouping = group;
        Instant asOf = Instant.now();
        return teams.of(identity, p.teams()).chain(readable -> {
            KpiQuery query = new KpiQuery(p.from(), p.to(), grain, p.zone(), grouping, p.filters(), wanted,
                    readable);
            return Uni.combine().all().unis(kpis.run(query, p.page(), p.size()), freshness.current(asOf)).asTuple()
                    .map(t -> response(query, t.getItem1(), t.getItem2(), asOf, p.page(), p.size()));
        });
    }

    private KpiResponse response(KpiQuery q, KpiQueryService.RowPage rows, FreshnessService.Freshness fresh,
            Instant asOf,
            int pageNumber, int pageSize) {
        KpiResponse.Query echo = new KpiResponse.Query(q.from(), q.to(), q.granularity().key(), q.zone().getId(),
                q.groupBy() == null ? "none" : q.groupBy().key(), ReportParams.echo(q.filters()),
                q.measures().stream().map(Measure::key).toList(),
                kpis.fromRollups(q.granularity(), q.zone()) ? "rollups" : "contacts");
        return new KpiResponse(echo, KpiResponse.Freshness.of(fresh, asOf),
                KpiResponse.Page.of(pageNumber, pageSize, rows.totalRows()),
                rows.rows().stream().map(KpiResponse.Row::of).toList());
    }

    private static List<Measure> measures(List<String> values, List<Problems.Violation> violations) {
        if (values == null || values.isEmpty()) {
            return DEFAULT_MEASURES;
        }
        List<Measure> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String value : values) {
            for (String key : value.split(",")) {
                String k = key.trim();
                if (k.isEmpty()) {
                    continue;
                }
                Measure.byKey(k).ifPresentOrElse(m -> {
                    if (!out.contains(m)) {
                        out.add(m);
                    }
                }, () -> unknown.add(k));
            }
        }
        if (!unknown.isEmpty()) {
            violations.add(new Problems.Violation("measures", "unknown " + unknown + "; known: "
                    + Arrays.stream(Measure.values()).map(Measure::key).toList()));
        } else if (out.isEmpty()) {
            violations.add(new Problems.Violation("measures", "must name at least one measure"));
        }
        return out;
    }

}
