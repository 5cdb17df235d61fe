package io.cxvalue.reporting.kpi;

import io.cxvalue.reporting.kpi.KpiCell.TimePart;
import org.apache.datasketches.kll.KllFloatsSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The figures a KPI query can ask for, each computed from a settled {@link KpiCell} as docs/ARCHITECTURE.md defines
 * it, with its base: the count it is a rate, mean or quantile of. A figure whose base is zero has no value.
 */
public enum Measure {
    CONTACTS_OFFERED("count", c -> count(c, Tally.OFFERED)),
    CONTACTS_HANDLED("count", c -> count(c, Tally.HANDLED)),
    CONTACTS_ABANDONED("count", c -> count(c, Tally.ABANDONED)),
    ABANDONMENT_RATE("share", c -> ratio(c, Tally.ABANDONED, Tally.OFFERED)),
    /** Answered within the threshold / (offered - abandoned within the threshold), over contacts with a queue time. */
    SERVICE_LEVEL("share", c -> ratio(c, Tally.SERVICE_LEVEL_ANSWERED, Tally.SERVICE_LEVEL_CONTACTS)),
    AHT("seconds", c -> ratio(c, Tally.HANDLE_SECONDS, Tally.HANDLED)),
    AHT_MEDIAN("seconds", c -> quantile(c, TimePart.HANDLE, 0.5)),
    AHT_P90("seconds", c -> quantile(c, TimePart.HANDLE, 0.9)),
    TALK_TIME("seconds", c -> ratio(c, Tally.TALK_SECONDS, Tally.HANDLED)),
    TALK_TIME_MEDIAN("seconds", c -> quantile(c, TimePart.TALK, 0.5)),
    TALK_TIME_P90("seconds", c -> quantile(c, TimePart.TALK, 0.9)),
    HOLD_TIME("seconds", c -> ratio(c, Tally.HOLD_SECONDS, Tally.HANDLED)),
    HOLD_TIME_MEDIAN("seconds", c -> quantile(c, TimePart.HOLD, 0.5)),
    HOLD_TIME_P90("seconds", c -> quantile(c, TimePart.HOLD, 0.9)),
    AFTER_WORK_TIME("seconds", c -> ratio(c, Tally.AFTER_WORK_SECONDS, Tally.HANDLED)),
    AFTER_WORK_TIME_MEDIAN("seconds", c -> quantile(c, TimePart.AFTER_WORK, 0.5)),
    AFTER_WORK_TIME_P90("seconds", c -> quantile(c, TimePart.AFTER_WORK, 0.9)),
    TRANSFERS_PER_CONTACT("per_contact", c -> ratio(c, Tally.TRANSFERS, Tally.HANDLED)),
    /** One-contact issues / issues whose repeat window has closed. */
    FCR_RATE("share", c -> ratio(c, Tally.FCR_ISSUES, Tally.ISSUES_CLOSED)),
    ISSUES_CLOSED("count", c -> count(c, Tally.ISSUES_CLOSED)),
    ISSUES_OPEN("count", c -> new Figure(c.openIssueCount(), null)),
    REPEAT_CONTACT_RATE("share", c -> ratio(c, Tally.REPEAT_CONTACTS, Tally.HANDLED)),
    TOUCHPOINTS_PER_ISSUE("per_issue", c -> ratio(c, Tally.CLOSED_TOUCHPOINTS, Tally.ISSUES_CLOSED)),
    RUNAROUND_PER_ISSUE("per_issue", c -> ratio(c, Tally.CLOSED_RUNAROUND, Tally.ISSUES_CLOSED)),
    TIME_TO_RESOLUTION("seconds", c -> ratio(c, Tally.RESOLUTION_SECONDS, Tally.RESOLVED_ISSUES)),
    CSAT("share", c -> ratio(c, Tally.CSAT_TOP2, Tally.CSAT_ANSWERS)),
    CSAT_MEAN("score", c -> ratio(c, Tally.CSAT_SUM, Tally.CSAT_ANSWERS)),
    /** Promoters minus detractors, in points (-100 to 100). */
    NPS("points", c -> {
        double n = c.get(Tally.NPS_ANSWERS);
        return new Figure(n == 0 ? null
                : 100.0 * (c.get(Tally.NPS_PROMOTERS) - c.get(Tally.NPS_DETRACTORS)) / n, n);
    }),
    CES("score", c -> ratio(c, Tally.CES_SUM, Tally.CES_ANSWERS)),
    FELT_VALUED("share", c -> ratio(c, Tally.FELT_VALUED_TOP2, Tally.FELT_VALUED_ANSWERS)),
    FELT_VALUED_MEAN("score", c -> ratio(c, Tally.FELT_VALUED_SUM, Tally.FELT_VALUED_ANSWERS)),
    QUALITY_SCORE("score", c -> ratio(c, Tally.QUALITY_SUM, Tally.QUALITY_EVALUATIONS)),
    /** Mean sentiment (-1..1) of the contacts where it was measured. */
    SENTIMENT("score", c -> ratio(c, Tally.SENTIMENT_SUM, Tally.SENTIMENT_CONTACTS)),
    SALES_OFFERED("count", c -> count(c, Tally.SALES_OFFERED)),
    SALES_ACCEPTED("count", c -> count(c, Tally.SALES_ACCEPTED)),
    SALES_CONVERSION("share", c -> ratio(c, Tally.SALES_ACCEPTED, Tally.SALES_OFFERED)),
    /** Accepted sales' amounts; per currency when more than one occurs (see {@link Figure#byCurrency}). */
    SALES_REVENUE("money", c -> money(c, 0, Tally.SALES_ACCEPTED)),
    SALES_CANCELLED("count", c -> new Figure(c.get(Tally.SALES_CANCELLED), c.get(Tally.SALES_ACCEPTED))),
    CANCELLED_REVENUE("money", c -> money(c, 1, Tally.SALES_CANCELLED));

    private final String unit;
    private final String key = name().toLowerCase(Locale.ROOT);
    private final Function<KpiCell, Figure> compute;

    Measure(String unit, Function<KpiCell, Figure> compute) {
        this.unit = unit;
        this.compute = compute;
    }

    /** The name in the API: lower case with underscores ({@code fcr_rate}). */
    public String key() {
        return key;
    }

    /** count, share (0 to 1), seconds, per_contact, per_issue, score, points or money. */
    public String unit() {
        return unit;
    }

    /** The figure of {@code cell}, which must be settled at the time the figure is for. */
    public Figure of(KpiCell cell) {
        return compute.apply(cell);
    }

    /** The measure named {@code key} in the API. */
    public static Optional<Measure> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst();
    }

    /**
     * A figure and its base.
     *
     * @param value      null when the base is zero (no rate of nothing)
     * @param base       what a rate or mean is taken over (contacts, issues, answers); null for plain counts
     * @param byCurrency for money: the amount per currency
     */
    public record Figure(Double value, Double base, Map<String, Double> byCurrency) {

        Figure(Double value, Double base) {
            this(value, base, null);
        }
    }

    private static Figure count(KpiCell c, Tally tally) {
        return new Figure(c.get(tally), null);
    }

    private static Figure ratio(KpiCell c, Tally numerator, Tally denominator) {
        double base = c.get(denominator);
        return new Figure(base == 0 ? null : c.get(numerator) / base, base);
    }

    private static Figure quantile(KpiCell c, TimePart part, double rank) {
        KllFloatsSketch sketch = c.sketch(part);
        if (sketch == null || sketch.isEmpty()) {
            return new Figure(null, 0.0);
        }
        // INCLUSIVE: the smallest value with at least rank x n values at or below it (the lower median for even n).
        return new Figure((double) sketch.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE),
                (double) sketch.getN());
    }

    private static Figure money(KpiCell c, int field, Tally base) {
        Map<String, Double> byCurrency = c.money().entrySet().stream()
                .filter(e -> e.getValue()[field] != 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> round2(e.getValue()[field]), (a, b) -> a,
                        java.util.TreeMap::new));
        Double single = byCurrency.size() == 1 ? byCurrency.values().iterator().next()
                : byCurrency.isEmpty() ? 0.0 : null;
        return new Figure(single, c.get(base), byCurrency.isEmpty() ? null : byCurrency);
    }

    private static double round2(double amount) {
        return Math.round(amount * 100) / 100.0;
    }
}
