package io.cxvalue.reporting.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One bucket of one group: its bounds (clipped to the query's period), the group's value (null for no grouping, or
 * for contacts without a value of the grouped dimension) and the figures asked for.
 *
 * @param date the bucket's first day in the query's zone (for day, week and month buckets); else null
 */
public record KpiRow(Instant start, Instant end, LocalDate date, String group, Map<Measure, Measure.Figure> figures) {
}
