package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.kpi.Dimension;
import io.cxvalue.reporting.kpi.Granularity;
import io.cxvalue.reporting.kpi.KpiQuery;
import io.cxvalue.reporting.kpi.KpiRow;
import io.cxvalue.reporting.kpi.Measure;
import io.cxvalue.reporting.service.FreshnessService;
import io.cxvalue.reporting.service.KpiQueryService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The contact-centre KPIs: one query surface for every measure, bucket, grouping and filter. */
@Path("/api/v1/kpis")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MANAGER, Roles.ANALYST})
@SecurityRequirement(name = "bearer")
@Tag(name = "KPIs", description = "Service and experience measures per team, agent, channel, reason and period")
public class KpiResource {

    static final List<Measure> DEFAULT_MEASURES = List.of(Measure.CONTACTS_OFFERED, Measure.CONTACTS_HANDLED,
            Measure.ABANDONMENT_RATE, Measure.SERVICE_LEVEL, Measure.AHT, Measure.FCR_RATE, Measure.CSAT,
            Measure.NPS);
    static final int DEFAULT_PAGE_SIZE = 500;
    static final int MAX_PAGE_SIZE = 5000;
    /** The longest period read from the rollups: two years and a bit, enough for a year-on-year comparison. */
    static final int MAX_ROLLUP_DAYS = 800;
    private static final Pattern ID = Pattern.compile(io.cxvalue.reporting.rest.validation.Identifiers.ID_PATTERN);

    private final KpiQueryService kpis;
    private final FreshnessService freshness;
    private final SecurityIdentity identity;
    private final ZoneId defaultZone;
    private final int maxRawDays;

    KpiResource(KpiQueryService kpis, FreshnessService freshness, SecurityIdentity identity, ReportingConfig config) {
        this.kpis = kpis;
        this.freshness = freshness;
        this.identity = identity;
        this.defaultZone = config.kpi().timeZones().get(0);
        this.maxRawDays = config.kpi().maxRawDays();
    }

    @GET
    @Operation(summary = "KPIs per bucket and group",
            description = "Counts the contacts that started in [from, to), cut into buckets of the granularity in "
                    + "the time zone, grouped by one dimension, filtered by any (values of one filter are "
                    + "alternatives; different filters must all hold). Each figure carries its base. A manager sees "
                    + "only the teams of their token's 'teams' claim: naming another team is 403; without a team "
                    + "filter the answer covers their teams. Definitions: docs/ARCHITECTURE.md.")
    @APIResponse(responseCode = "200", description = "One page of rows",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = KpiResponse.class)))
    @APIResponse(responseCode = "400", description = "'violations' names each invalid parameter",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    @APIResponse(responseCode = "403", description = "Neither manager nor analyst, or a team the manager does not "
            + "manage", content = @Content(mediaType = Problems.PROBLEM_JSON, schema = @Schema(ref = Problems.PROBLEM)))
    public Uni<KpiResponse> kpis(
            @Parameter(description = "Start of the period: an ISO date (midnight in the zone) or instant",
                    example = "2026-03-01", required = true) @QueryParam("from") String from,
            @Parameter(description = "End of the period, excluded: an ISO date or instant", example = "2026-04-01",
                    required = true) @QueryParam("to") String to,
            @Parameter(description = "Bucket length: 15m, hour, day, week (Monday to Sunday) or month",
                    example = "day", schema = @Schema(enumeration = {"15m", "hour", "day", "week", "month"}))
            @QueryParam("granularity") String granularity,
            @Parameter(description = "IANA time zone of the buckets; default: the first configured", example =
                    "Europe/London") @QueryParam("zone") String zone,
            @Parameter(description = "Group by team, agent, channel, reason, department or campaign; default none",
                    example = "agent", schema = @Schema(enumeration = {"none", "team", "agent", "channel", "reason",
                    "department", "campaign"})) @QueryParam("groupBy") String groupBy,
            @Parameter(description = "Only these teams (repeatable)", example = "team-a") @QueryParam("team")
            List<String> team,
            @Parameter(description = "Only these agents (repeatable)") @QueryParam("agent") List<String> agent,
            @Parameter(description = "Only these channels (repeatable)", example = "VOICE") @QueryParam("channel")
            List<String> channel,
            @Parameter(description = "Only these contact reasons (repeatable)") @QueryParam("reason")
            List<String> reason,
            @Parameter(description = "Only these departments (repeatable)") @QueryParam("department")
            List<String> department,
            @Parameter(description = "Only these campaigns (repeatable)") @QueryParam("campaign")
            List<String> campaign,
            @Parameter(description = "Measures, comma-separated or repeated; default: contacts_offered, "
                    + "contacts_handled, abandonment_rate, service_level, aht, fcr_rate, csat, nps",
                    example = "contacts_handled,aht,aht_p90,fcr_rate,issues_open,csat",
                    schema = @Schema(type = SchemaType.ARRAY)) @QueryParam("measures") List<String> measures,
            @Parameter(description = "Page number, from 0", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Rows per page, at most " + MAX_PAGE_SIZE, example = "500")
            @QueryParam("size") String size) {
        List<Problems.Violation> violations = new ArrayList<>();
        ZoneId zoneId = zone(zone, violations);
        Granularity grain = granularity == null ? Granularity.DAY : Granularity.byKey(granularity).orElse(null);
        if (grain == null) {
            violations.add(new Problems.Violation("granularity", "must be one of 15m, hour, day, week, month"));
        }
        Instant start = instant("from", from, zoneId, violations);
        Instant end = instant("to", to, zoneId, violations);
        Dimension group = null;
        if (groupBy != null && !groupBy.equals("none")) {
            group = Dimension.byKey(groupBy).orElse(null);
            if (group == null) {
                violations.add(new Problems.Violation("groupBy",
                        "must be one of none, team, agent, channel, reason, department, campaign"));
            }
        }
        Map<Dimension, Set<String>> filters = new EnumMap<>(Dimension.class);
        filter(filters, Dimension.TEAM, team, true, violations);
        filter(filters, Dimension.AGENT, agent, true, violations);
        filter(filters, Dimension.CHANNEL, channel, false, violations);
        filter(filters, Dimension.REASON, reason, false, violations);
        filter(filters, Dimension.DEPARTMENT, department, true, violations);
        filter(filters, Dimension.CAMPAIGN, campaign, false, violations);
        List<Measure> wanted = measures(measures, violations);
        int pageNumber = integer("page", page, 0, 0, Integer.MAX_VALUE, violations);
        int pageSize = integer("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, violations);
        if (start != null && end != null && zoneId != null && grain != null) {
            period(start, end, grain, zoneId, violations);
        }
        if (!violations.isEmpty()) {
            throw Problems.invalidQuery(violations);
        }
        TeamScope scope = TeamScope.of(identity);
        Set<String> askedTeams = filters.getOrDefault(Dimension.TEAM, Set.of());
        scope.forbidden(askedTeams).ifPresent(refused -> {
            throw Problems.notYourTeams(refused);
        });
        if (!scope.allTeams() && scope.teams().isEmpty()) {
            throw Problems.notYourTeams(List.copyOf(askedTeams.isEmpty() ? Set.of("any") : askedTeams));
        }
        Dimension grouping = group;
        Uni<Set<String>> teams = !askedTeams.isEmpty() ? Uni.createFrom().item(askedTeams)
                : scope.allTeams() ? kpis.teams().map(Set::copyOf)
                : Uni.createFrom().item(scope.teams());
        Instant asOf = Instant.now();
        return teams.chain(readable -> {
            KpiQuery query = new KpiQuery(start, end, grain, zoneId, grouping, filters, wanted, readable);
            return Uni.combine().all().unis(kpis.run(query), freshness.current(asOf)).asTuple()
                    .map(t -> response(query, t.getItem1(), t.getItem2(), asOf, pageNumber, pageSize));
        });
    }

    private KpiResponse response(KpiQuery q, List<KpiRow> rows, FreshnessService.Freshness fresh, Instant asOf,
            int pageNumber, int pageSize) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        q.filters().forEach((d, values) -> filters.put(d.key(), values.stream().sorted().toList()));
        KpiResponse.Query echo = new KpiResponse.Query(q.from(), q.to(), q.granularity().key(), q.zone().getId(),
                q.groupBy() == null ? "none" : q.groupBy().key(), filters,
                q.measures().stream().map(Measure::key).toList(),
                kpis.fromRollups(q.granularity(), q.zone()) ? "rollups" : "contacts");
        int total = rows.size();
        int from = (int) Math.min((long) pageNumber * pageSize, total);
        int to = Math.min(from + pageSize, total);
        List<KpiResponse.Row> page = rows.subList(from, to).stream().map(KpiResponse.Row::of).toList();
        return new KpiResponse(echo, KpiResponse.Freshness.of(fresh, asOf),
                new KpiResponse.Page(pageNumber, pageSize, total, (total + pageSize - 1) / pageSize), page);
    }

    private void period(Instant start, Instant end, Granularity grain, ZoneId zone,
            List<Problems.Violation> violations) {
        if (!start.isBefore(end)) {
            violations.add(new Problems.Violation("from", "must be before 'to'"));
            return;
        }
        long days = Duration.between(start, end).toDays();
        if (kpis.fromRollups(grain, zone)) {
            if (!isMidnight(start, zone)) {
                violations.add(new Problems.Violation("from", "must be a midnight in " + zone + " (or a date) for "
                        + grain.key() + " buckets"));
            }
            if (!isMidnight(end, zone)) {
                violations.add(new Problems.Violation("to", "must be a midnight in " + zone + " (or a date) for "
                        + grain.key() + " buckets"));
            }
            if (days > MAX_ROLLUP_DAYS) {
                violations.add(new Problems.Violation("to", "the period must not exceed " + MAX_ROLLUP_DAYS
                        + " days"));
            }
        } else if (days > maxRawDays) {
            violations.add(new Problems.Violation("to", "the period must not exceed " + maxRawDays + " days for "
                    + grain.key() + " buckets in " + zone + " (computed from the contacts; day, week and month "
                    + "buckets in a pre-aggregated zone may cover " + MAX_ROLLUP_DAYS + " days)"));
        }
    }

    private static boolean isMidnight(Instant time, ZoneId zone) {
        return LocalDate.ofInstant(time, zone).atStartOfDay(zone).toInstant().equals(time);
    }

    private ZoneId zone(String zone, List<Problems.Violation> violations) {
        if (zone == null) {
            return defaultZone;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            violations.add(new Problems.Violation("zone", "must be an IANA time zone such as Europe/London"));
            return null;
        }
    }

    private static Instant instant(String field, String value, ZoneId zone, List<Problems.Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new Problems.Violation(field, "is required (an ISO date or instant)"));
            return null;
        }
        try {
            if (value.length() == 10) {
                return zone == null ? null : LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(new Problems.Violation(field,
                    "must be an ISO date (2026-03-01) or instant (2026-03-01T00:00:00Z)"));
            return null;
        }
    }

    private static void filter(Map<Dimension, Set<String>> filters, Dimension dimension, List<String> values,
            boolean identifier, List<Problems.Violation> violations) {
        if (values == null || values.isEmpty()) {
            return;
        }
        Set<String> set = new LinkedHashSet<>();
        for (String value : values) {
            boolean valid = value != null && !value.isEmpty() && value.length() <= 200
                    && (!identifier || (value.length() <= 128 && ID.matcher(value).matches()));
            if (!valid) {
                violations.add(new Problems.Violation(dimension.key(), identifier
                        ? io.cxvalue.reporting.rest.validation.Identifiers.ID_MESSAGE + " (at most 128 characters)"
                        : "must be 1 to 200 characters"));
                return;
            }
            set.add(value);
        }
        filters.put(dimension, set);
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

    private static int integer(String field, String value, int absent, int min, int max,
            List<Problems.Violation> violations) {
        if (value == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                violations.add(new Problems.Violation(field, "must be between " + min + " and " + max));
            }
            return n;
        } catch (NumberFormatException e) {
            violations.add(new Problems.Violation(field, "must be a whole number"));
            return absent;
        }
    }
}
