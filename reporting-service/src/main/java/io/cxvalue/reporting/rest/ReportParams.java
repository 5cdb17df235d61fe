package io.cxvalue.reporting.rest;

import io.cxvalue.reporting.kpi.Dimension;
import io.cxvalue.reporting.rest.validation.Identifiers;
import io.cxvalue.support.rest.Problems;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query parameters every report shares: the period, its time zone, the filters on the dimensions and the page.
 * Parsed into {@link Parsed} with every problem collected, so one 400 names them all.
 */
public class ReportParams {

    static final int DEFAULT_PAGE_SIZE = 500;
    static final int MAX_PAGE_SIZE = 5000;
    private static final Pattern ID = Pattern.compile(Identifiers.ID_PATTERN);

    @Parameter(description = "Start of the period: an ISO date (midnight in the zone) or instant",
            example = "2026-03-01", required = true)
    @QueryParam("from")
    String from;

    @Parameter(description = "End of the period, excluded: an ISO date or instant", example = "2026-04-01",
            required = true)
    @QueryParam("to")
    String to;

    @Parameter(description = "IANA time zone of dates and buckets; default: the first configured",
            example = "Europe/London")
    @QueryParam("zone")
    String zone;

    @Parameter(description = "Only these teams (repeatable); a manager may name only their own", example = "team-north")
    @QueryParam("team")
    List<String> team;

    @Parameter(description = "Only these agents (repeatable)")
    @QueryParam("agent")
    List<String> agent;

    @Parameter(description = "Only these channels (repeatable)", example = "VOICE")
    @QueryParam("channel")
    List<String> channel;

    @Parameter(description = "Only these contact reasons (repeatable)")
    @QueryParam("reason")
    List<String> reason;

    @Parameter(description = "Only these departments (repeatable)")
    @QueryParam("department")
    List<String> department;

    @Parameter(description = "Only these campaigns (repeatable)")
    @QueryParam("campaign")
    List<String> campaign;

    @Parameter(description = "Page number, from 0", example = "0")
    @QueryParam("page")
    String page;

    @Parameter(description = "Rows per page, at most " + MAX_PAGE_SIZE, example = "500")
    @QueryParam("size")
    String size;

    /** The shared parameters, parsed; a field is null when it did not parse (and a violation says why). */
    public record Parsed(Instant from, Instant to, ZoneId zone, Map<Dimension, Set<String>> filters, int page,
            int size) {

        public Set<String> teams() {
            return filters.getOrDefault(Dimension.TEAM, Set.of());
        }

        /** The filters as an answer echoes them: dimension key to sorted values. */
        public Map<String, List<String>> filterEcho() {
            return echo(filters);
        }
    }

    /** Filters as an answer echoes them: dimension key to sorted values. */
    static Map<String, List<String>> echo(Map<Dimension, Set<String>> filters) {
        Map<String, List<String>> echo = new java.util.LinkedHashMap<>();
        filters.forEach((d, values) -> echo.put(d.key(), values.stream().sorted().toList()));
        return echo;
    }

    Parsed parse(ZoneId defaultZone, List<Problems.Violation> violations) {
        ZoneId zoneId = zone(zone, defaultZone, violations);
        Instant start = instant("from", from, zoneId, violations);
        Instant end = instant("to", to, zoneId, violations);
        if (start != null && end != null && !start.isBefore(end)) {
            violations.add(new Problems.Violation("from", "must be before 'to'"));
        }
        Map<Dimension, Set<String>> filters = new EnumMap<>(Dimension.class);
        filter(filters, Dimension.TEAM, team, true, violations);
        filter(filters, Dimension.AGENT, agent, true, violations);
        filter(filters, Dimension.CHANNEL, channel, false, violations);
        filter(filters, Dimension.REASON, reason, false, violations);
        filter(filters, Dimension.DEPARTMENT, department, true, violations);
        filter(filters, Dimension.CAMPAIGN, campaign, false, violations);
        int pageNumber = integer("page", page, 0, 0, Integer.MAX_VALUE, violations);
        int pageSize = integer("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, violations);
        return new Parsed(start, end, zoneId, filters, pageNumber, pageSize);
    }

    /** The zone named {@code zone}, {@code defaultZone} when none is named; null (and a violation) when unknown. */
    static ZoneId zone(String zone, ZoneId defaultZone, List<Problems.Violation> violations) {
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

    static Instant instant(String field, String value, ZoneId zone, List<Problems.Violation> violations) {
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

    static void filter(Map<Dimension, Set<String>> filters, Dimension dimension, List<String> values,
            boolean identifier, List<Problems.Violation> violations) {
        if (values == null || values.isEmpty()) {
            return;
        }
        Set<String> set = new LinkedHashSet<>();
        for (String value : values) {
            boolean valid = value != null && !value.isEmpty() && value.length() <= 200
                    && (!identifier || (value.length() <= Identifiers.ID_MAX && ID.matcher(value).matches()));
            if (!valid) {
                violations.add(new Problems.Violation(dimension.key(), identifier
                        ? Identifiers.ID_MESSAGE + " (at most " + Identifiers.ID_MAX + " characters)"
                        : "must be 1 to 200 characters"));
                return;
            }
            set.add(value);
        }
        filters.put(dimension, set);
    }

    static int integer(String field, String value, int absent, int min, int max,
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
