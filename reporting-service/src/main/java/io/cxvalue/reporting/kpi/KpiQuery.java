package io.cxvalue.reporting.kpi;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One KPI question: contacts that started in [from, to), cut into buckets of {@code granularity} in {@code zone},
 * grouped by one dimension (or not), keeping only contacts whose dimension values are among the filters' (all filters
 * must hold), and the measures wanted.
 *
 * @param teams   the teams to read (the team filter, or every team the caller may see)
 * @param groupBy null for no grouping
 */
public record KpiQuery(Instant from, Instant to, Granularity granularity, ZoneId zone, Dimension groupBy,
        Map<Dimension, Set<String>> filters, List<Measure> measures, Set<String> teams) {

    public KpiQuery {
        filters = Map.copyOf(filters);
        measures = List.copyOf(measures);
        teams = Set.copyOf(teams);
    }

    /** The dimensions a rollup must be keyed by to answer: the grouping and every filtered one (team is free). */
    public Set<Dimension> neededDimensions() {
        Set<Dimension> needed = EnumSet.noneOf(Dimension.class);
        needed.addAll(filters.keySet());
        if (groupBy != null) {
            needed.add(groupBy);
        }
        needed.remove(Dimension.TEAM);
        return needed;
    }

    /** Whether a quantile is wanted (only then are sketches read). */
    public boolean wantsSketches() {
        return measures.stream().anyMatch(m -> m.key().endsWith("_median") || m.key().endsWith("_p90"));
    }
}
