package io.cxvalue.experiment.outcome;

import io.cxvalue.experiment.design.MetricKind;

/**
 * Everything kept per exposed customer and summed per (experiment, variant, value tier): every metric of the
 * catalogue, plus the CX score at exposure, which only the balance table uses. A per-customer metric's value is y
 * with its pre-period value x (the CUPED covariate); a ratio metric's is the numerator y over the denominator x.
 *
 * <p>The order is the layout of the per-customer arrays in {@code exposure}: append only.
 */
public enum Measure {
    CSAT_TOP2, FELT_VALUED, NPS, CUSTOMER_EFFORT, FOLLOW_UP_CONTACTS, FIRST_CONTACT_RESOLUTION, HANDLE_TIME, REVENUE,
    CANCELLATION_RATE, RETENTION, CLV_CHANGE, AGENT_COST, NET_VALUE,
    /** The customer's latest CX score before exposure (0 when never scored): a balance covariate. */
    CX_SCORE_AT_EXPOSURE;

    private static final Measure[] ALL = values();

    public static Measure of(MetricKind metric) {
        return valueOf(metric.name());
    }

    /** The number of measures: the length of the per-customer arrays. */
    public static int count() {
        return ALL.length;
    }

    public static Measure at(int index) {
        return ALL[index];
    }
}
