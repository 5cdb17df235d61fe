package io.cxvalue.reporting.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.cxvalue.reporting.kpi.KpiRow;
import io.cxvalue.reporting.kpi.Measure;
import io.cxvalue.reporting.service.FreshnessService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A KPI answer: the question as understood, how fresh the data is, and one page of rows. */
@Schema(description = "KPI rows of one page, with the data's freshness")
public record KpiResponse(Query query, Freshness freshness, Page page, List<Row> rows) implements CsvExport {

    /** start, end, date, the grouped dimension, then per measure its value and (for rates, means, quantiles) base. */
    @Override
    public List<String> csvHeader() {
        List<String> header = new ArrayList<>(List.of("start", "end", "date"));
        if (!"none".equals(query.groupBy())) {
            header.add(query.groupBy());
        }
        for (String measure : query.measures()) {
            header.add(measure);
            if (hasBase(measure)) {
                header.add(measure + "_base");
            }
        }
        return header;
    }

    @Override
    public List<List<String>> csvRows() {
        List<List<String>> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(String.valueOf(row.start()));
            cells.add(String.valueOf(row.end()));
            cells.add(row.date() == null ? null : row.date().toString());
            if (!"none".equals(query.groupBy())) {
                cells.add(row.group());
            }
            for (String measure : query.measures()) {
                Figure figure = row.measures().get(measure);
                cells.add(number(figure == null ? null : figure.value()));
                if (hasBase(measure)) {
                    cells.add(number(figure == null ? null : figure.base()));
                }
            }
            out.add(cells);
        }
        return out;
    }

    @Override
    public Map<String, String> csvMetadata() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cx-Total-Rows", String.valueOf(page.totalRows()));
        headers.put("Cx-As-Of", String.valueOf(freshness.asOf()));
        if (freshness.completeUpTo() != null) {
            headers.put("Cx-Complete-Up-To", freshness.completeUpTo().toString());
        }
        if (freshness.latestEventAppliedAt() != null) {
            headers.put("Cx-Latest-Event-Applied-At", freshness.latestEventAppliedAt().toString());
        }
        if (freshness.consumerLag() != null) {
            headers.put("Cx-Consumer-Lag", freshness.consumerLag().toString());
        }
        return headers;
    }

    private static boolean hasBase(String measure) {
        return Measure.byKey(measure).map(m -> !m.unit().equals("count") || m == Measure.SALES_CANCELLED)
                .orElse(false);
    }

    /** A figure as CSV writes it: whole numbers without a fraction, others as Java prints a double. */
    static String number(Double value) {
        if (value == null) {
            return null;
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf(value.longValue())
                : String.valueOf(value);
    }

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

        static Page of(int number, int size, int totalRows) {
            return new Page(number, size, totalRows, (totalRows + size - 1) / size);
        }

        /** The rows of page {@code number} of {@code size} rows (empty past the last page). */
        static <T> List<T> slice(List<T> all, int number, int size) {
            int from = (int) Math.min((long) number * size, all.size());
            return all.subList(from, Math.min(from + size, all.size()));
        }
    }

    @Schema(description = "One bucket of one group")
    @JsonSerialize(using = RowWriter.class)
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

    /**
     * Writes a row field by field, as the bean serializer would (nulls kept, except a figure's absent base and
     * currencies): a year of daily rows by agent is thousands of rows and most of an answer's serialization, which
     * reflection and per-value serializer lookups would otherwise double.
     */
    static final class RowWriter extends StdSerializer<Row> {

        RowWriter() {
            super(Row.class);
        }

        private static final SerializedString START = new SerializedString("start");
        private static final SerializedString END = new SerializedString("end");
        private static final SerializedString DATE = new SerializedString("date");
        private static final SerializedString GROUP = new SerializedString("group");
        private static final SerializedString MEASURES = new SerializedString("measures");
        private static final SerializedString VALUE = new SerializedString("value");
        private static final SerializedString BASE = new SerializedString("base");
        private static final SerializedString UNIT = new SerializedString("unit");
        private static final SerializedString BY_CURRENCY = new SerializedString("byCurrency");
        /** Names and units pre-encoded: each is written once per figure. */
        private static final Map<String, SerializedString> NAMES = new java.util.concurrent.ConcurrentHashMap<>();
        /** Consecutive rows mostly share their bucket: its bounds are formatted once per run of rows. */
        private static final ThreadLocal<TimeText> START_TEXT = ThreadLocal.withInitial(TimeText::new);
        private static final ThreadLocal<TimeText> END_TEXT = ThreadLocal.withInitial(TimeText::new);

        @Override
        public void serialize(Row row, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            out.writeFieldName(START);
            START_TEXT.get().write(out, row.start());
            out.writeFieldName(END);
            END_TEXT.get().write(out, row.end());
            out.writeFieldName(DATE);
            if (row.date() == null) {
                out.writeNull();
            } else {
                out.writeString(row.date().toString());
            }
            out.writeFieldName(GROUP);
            out.writeString(row.group());
            out.writeFieldName(MEASURES);
            out.writeStartObject();
            for (Map.Entry<String, Figure> measure : row.measures().entrySet()) {
                Figure figure = measure.getValue();
                out.writeFieldName(name(measure.getKey()));
                out.writeStartObject();
                out.writeFieldName(VALUE);
                writeNumber(out, figure.value());
                if (figure.base() != null) {
                    out.writeFieldName(BASE);
                    out.writeNumber(figure.base());
                }
                out.writeFieldName(UNIT);
                out.writeString(name(figure.unit()));
                if (figure.byCurrency() != null) {
                    out.writeFieldName(BY_CURRENCY);
                    out.writeStartObject();
                    for (Map.Entry<String, Double> amount : figure.byCurrency().entrySet()) {
                        out.writeFieldName(amount.getKey());
                        writeNumber(out, amount.getValue());
                    }
                    out.writeEndObject();
                }
                out.writeEndObject();
            }
            out.writeEndObject();
            out.writeEndObject();
        }

        private static SerializedString name(String name) {
            return NAMES.computeIfAbsent(name, SerializedString::new);
        }

        /** The last instant written in one place on this thread, and its ISO-8601 text. */
        private static final class TimeText {
            private Instant time;
            private String text;

            void write(JsonGenerator out, Instant value) throws IOException {
                if (value == null) {
                    out.writeNull();
                    return;
                }
                if (!value.equals(time)) {
                    time = value;
                    text = value.toString();
                }
                out.writeString(text);
            }
        }

        private static void writeNumber(JsonGenerator out, Double value) throws IOException {
            if (value == null) {
                out.writeNull();
            } else {
                out.writeNumber(value);
            }
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
