package io.cxvalue.reporting.kpi;

/**
 * The sums a {@link KpiCell} keeps: every KPI is a ratio of two of them (or a count), so cells add up across agents,
 * days and teams, and a figure can always show its base. Counts and whole seconds are exact in a double up to 2^53.
 */
public enum Tally {
    /** Every contact, handled or abandoned. */
    OFFERED,
    HANDLED,
    ABANDONED,
    /** Contacts that count for the service level: queue time known, not abandoned within the threshold. */
    SERVICE_LEVEL_CONTACTS,
    /** Of those, handled within the threshold. */
    SERVICE_LEVEL_ANSWERED,
    /** Sums over handled contacts. */
    HANDLE_SECONDS,
    TALK_SECONDS,
    HOLD_SECONDS,
    AFTER_WORK_SECONDS,
    TRANSFERS,
    /** Handled contacts that continue an issue opened earlier. */
    REPEAT_CONTACTS,
    /** Issues opened here whose repeat window had closed when the cell was computed (see {@link KpiCell#settle}). */
    ISSUES_CLOSED,
    FCR_ISSUES,
    CLOSED_TOUCHPOINTS,
    CLOSED_RUNAROUND,
    /** Closed issues whose last contact was marked resolved, and their time to resolution. */
    RESOLVED_ISSUES,
    RESOLUTION_SECONDS,
    CSAT_ANSWERS,
    CSAT_TOP2,
    CSAT_SUM,
    CSAT_SQUARES,
    NPS_ANSWERS,
    NPS_PROMOTERS,
    NPS_DETRACTORS,
    CES_ANSWERS,
    CES_SUM,
    CES_SQUARES,
    FELT_VALUED_ANSWERS,
    FELT_VALUED_TOP2,
    FELT_VALUED_SUM,
    FELT_VALUED_SQUARES,
    QUALITY_EVALUATIONS,
    QUALITY_SUM,
    QUALITY_SQUARES,
    SALES_OFFERED,
    SALES_ACCEPTED,
    /** Cancellations and refunds of sales made in contacts. */
    SALES_CANCELLED,
    /** Contacts whose sentiment was measured, and its sum (-1..1 each). */
    SENTIMENT_CONTACTS,
    SENTIMENT_SUM;

    /** The name a stored cell uses: short, stable, independent of the Java name. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
