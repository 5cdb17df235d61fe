package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.kpi.Dimension;
import io.cxvalue.support.rest.Problems;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The query parameters of an analysis of a period of some teams' contacts (traffic, cross-sell). */
public class PeriodParams {

    @Parameter(description = "Start: an ISO date (midnight in the zone) or instant", required = true,
            example = "2026-03-01")
    @QueryParam("from")
    String from;

    @Parameter(description = "End, excluded: an ISO date or instant", required = true, example = "2026-03-08")
    @QueryParam("to")
    String to;

    @Parameter(description = "IANA time zone of dates (and of the traffic's hour-of-week baseline); default: the "
            + "first configured", example = "Europe/London")
    @QueryParam("zone")
    String zone;

    @Parameter(description = "Only these teams (repeatable); a manager may name only their own", example = "team-north")
    @QueryParam("team")
    List<String> team;

    /** The parameters, parsed; a field is null when it did not parse (and a violation says why). */
    record Parsed(Instant from, Instant to, ZoneId zone, Set<String> teams) {
    }

    /** Parses, adding a violation for each invalid parameter and a period longer than {@code maxDays}. */
    Parsed parse(ZoneId defaultZone, int maxDays, List<Problems.Violation> violations) {
        ZoneId zoneId = ReportParams.zone(zone, defaultZone, violations);
        Instant start = ReportParams.instant("from", from, zoneId, violations);
        Instant end = ReportParams.instant("to", to, zoneId, violations);
        if (start != null && end != null) {
            if (!start.isBefore(end)) {
                violations.add(new Problems.Violation("from", "must be before 'to'"));
            } else if (Duration.between(start, end).compareTo(Duration.ofDays(maxDays)) > 0) {
                violations.add(new Problems.Violation("to", "the period must not exceed " + maxDays + " days"));
            }
        }
        return new Parsed(start, end, zoneId, teams(team, violations));
    }

    /** The teams named, checked as identifiers. */
    static Set<String> teams(List<String> team, List<Problems.Violation> violations) {
        Map<Dimension, Set<String>> filters = new EnumMap<>(Dimension.class);
        ReportParams.filter(filters, Dimension.TEAM, team, true, violations);
        return filters.getOrDefault(Dimension.TEAM, Set.of());
    }
}
