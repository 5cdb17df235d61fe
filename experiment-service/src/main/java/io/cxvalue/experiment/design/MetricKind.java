package io.cxvalue.experiment.design;

/**
 * The metric catalogue: what can be measured per customer in the outcome window after exposure (definitions in
 * docs/ARCHITECTURE.md). Ratio metrics are per survey response or per contact, with the customer as the unit of
 * randomization (their variance by the delta method).
 */
public enum MetricKind {
    /** Share of CSAT answers scoring 4 or 5 (ratio per response). */
    CSAT_TOP2(true, true),
    /** Share of "did we make you feel valued" answers scoring 4 or 5 (ratio per response). */
    FELT_VALUED(true, true),
    /** Net promoter score from NPS answers (ratio per response). */
    NPS(true, true),
    /** Mean customer effort score (ratio per response; lower is better). */
    CUSTOMER_EFFORT(true, false),
    /** Contacts after the exposing one within the repeat window (per customer). */
    FOLLOW_UP_CONTACTS(false, false),
    /** Share of the customer's issues resolved at the first contact (ratio per issue). */
    FIRST_CONTACT_RESOLUTION(true, true),
    /** Mean handle time of the customer's contacts, seconds (ratio per contact). */
    HANDLE_TIME(true, false),
    /** Purchases minus refunds and cancellations in the outcome window, per customer. */
    REVENUE(false, true),
    /** Whether the customer cancelled in the outcome window (per customer). */
    CANCELLATION_RATE(false, false),
    /** Whether the customer purchased in the outcome window (per customer). */
    RETENTION(false, true),
    /** Change in the customer's CLV from exposure to the end of the window, from cx.scores (per customer). */
    CLV_CHANGE(false, true),
    /** Cost of the agent time the customer's contacts took in the outcome window, in money (per customer). */
    AGENT_COST(false, false),
    /** Revenue plus change in CLV minus agent cost in the outcome window, in money (per customer): the ROI basis. */
    NET_VALUE(false, true);

    private final boolean ratio;
    private final boolean higherIsBetter;

    MetricKind(boolean ratio, boolean higherIsBetter) {
        this.ratio = ratio;
        this.higherIsBetter = higherIsBetter;
    }

    /** Whether an increase is an improvement (a guardrail's degradation is a move the other way). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public boolean ratio() {
        return ratio;
    }
}
