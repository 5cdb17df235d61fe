package io.cxvalue.reporting.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cxvalue.reporting.kpi.KpiRow;
import io.cxvalue.reporting.kpi.Measure;
import io.cxvalue.reporting.service.FreshnessService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A KPI answer: the question as understood, how fresh the data is, and one page of rows. */
@Schema(description = "KPI rows of one page, with the data's freshness")
public record KpiResponse(Query query, Freshness freshness, Page page, List<Row> rows) {

    @Schema(description = "The question as the service understood it")
    public record Query(Instant from, Instant to, String granularity, String zone, String groupBy,
            Map<String, List<String>> filters, List<String> measures,
            @Schema(description = "'rollups' (pre-aggregated days) or 'contacts' (computed from the contacts)")
            String source) {
    }

    @Schema(description = "Up to when the figures are complete")
    public record Freshness(
            @Schema(description = "The newest event (by its publication time) applied to the figures")
            Instant latestEventAppliedAt,
            @Schema(description = "Events published but not applied yet; absent when the broker could not be asked")
            Long consumerLag,
            @Schema(description = "Every event published before this time is in the figures")
            Instant completeUpTo,
            @Schema(description = "When this answer was computed; open issues are counted as of then")
            Instant asOf) {

        static Freshness of(FreshnessService.Freshness f, Instant asOf) {
            return new Freshness(f.latestEventAppliedAt(), f.consumerLag(), f.completeUpTo(), asOf);
        }
    }

    @Schema(description = "Which rows of the whole answer this page holds")
    public record Page(int number, int size, int totalRows, int totalPages) {
    }

    @Schema(description = "One bucket of one group")
    public record Row(Instant start, Instant end,
            @Schema(description = "First day of a day, week or month bucket in the query's zone")
            LocalDate date,
            @Schema(description = "The group's value; absent without grouping, or for contacts without a value")
            String group,
            Map<String, Figure> measures) {

        static Row of(KpiRow row) {
            Map<String, Figure> figures = new LinkedHashMap<>();
            row.figures().forEach((measure, figure) -> figures.put(measure.key(), Figure.of(measure, figure)));
            return new Row(row.start(), row.end(), row.date(), row.group(), figures);
        }
    }

    @Schema(description = "A figure and the count it is taken over")
    public record Figure(
            @Schema(description = "Null when the base is zero") Double value,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "The contacts, issues, answers or sales the figure is a rate, mean or quantile of; "
                    + "absent for plain counts")
            Double base,
            @Schema(description = "count, share (0 to 1), seconds, per_contact, per_issue, score, points or money")
            String unit,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "For money: the amount per currency") Map<String, Double> byCurrency) {

        static Figure of(Measure measure, Measure.Figure figure) {
            return new Figure(figure.value(), figure.base(), measure.unit(), figure.byCurrency());
        }
    }
}
