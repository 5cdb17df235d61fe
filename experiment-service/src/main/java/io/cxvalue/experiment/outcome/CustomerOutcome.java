package io.cxvalue.experiment.outcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One exposed customer's value of every {@link Measure}, computed from their history: for a per-customer metric y is
 * its value in the outcome window [exposure, exposure + window) and x its value in the pre-period [exposure −
 * pre-period, exposure), the CUPED covariate; for a ratio metric y is the numerator and x the denominator in the
 * outcome window. A pure function of the events, so recomputing it after any new event gives the customer's current
 * value whatever order the events came in.
 *
 * @param y per measure, indexed by {@link Measure#ordinal()}
 * @param x per measure, indexed by {@link Measure#ordinal()}
 */
public record CustomerOutcome(double[] y, double[] x) {

    public CustomerOutcome {
        if (y.length != Measure.count() || x.length != Measure.count()) {
            throw new IllegalArgumentException("one value per measure expected: " + y.length + ", " + x.length);
        }
    }

    public double y(Measure measure) {
        return y[measure.ordinal()];
    }

    public double x(Measure measure) {
        return x[measure.ordinal()];
    }

    /**
     * The outcome of a customer exposed at {@code exposedAt}.
     *
     * @param history the customer's events from {@link OutcomeRules#historyFrom} to {@link OutcomeRules#historyUntil},
     *                plus their latest score before that (any order; others are ignored)
     */
    public static CustomerOutcome compute(Instant exposedAt, List<CustomerEvent> history, OutcomeRules rules) {
        Instant windowEnd = exposedAt.plus(rules.outcomeWindow());
        Instant preStart = exposedAt.minus(rules.prePeriod());
        Instant followUpEnd = min(exposedAt.plus(rules.repeatWindow()), windowEnd);
        double[] y = new double[Measure.count()];
        double[] x = new double[Measure.count()];
        List<CustomerEvent> events = new ArrayList<>(history);
        events.sort(Comparator.comparing(CustomerEvent::occurredAt).thenComparingLong(CustomerEvent::eventKey));

        CustomerEvent scoreBefore = null;
        CustomerEvent firstScoreIn = null;
        CustomerEvent lastScoreIn = null;
        for (CustomerEvent e : events) {
            Instant t = e.occurredAt();
            boolean inWindow = !t.isBefore(exposedAt) && t.isBefore(windowEnd);
            boolean inPre = !t.isBefore(preStart) && t.isBefore(exposedAt);
            double[] into = inWindow ? y : inPre ? x : null;
            switch (e.kind()) {
                case CONTACT -> {
                    if (inPre) {
                        x[Measure.FOLLOW_UP_CONTACTS.ordinal()]++;
                    } else if (t.isAfter(exposedAt) && t.isBefore(followUpEnd)) {
                        y[Measure.FOLLOW_UP_CONTACTS.ordinal()]++;
                    }
                    if (into != null && e.handledContact()) {
                        int seconds = Objects.requireNonNullElse(e.handleSeconds(), 0);
                        into[Measure.AGENT_COST.ordinal()] += rules.contactCost(seconds);
                        if (inWindow) {
                            y[Measure.HANDLE_TIME.ordinal()] += seconds;
                            x[Measure.HANDLE_TIME.ordinal()]++;
                        }
                    }
                }
                case SURVEY -> {
                    if (inWindow) {
                        survey(e, y, x);
                    }
                }
                case TRANSACTION -> {
                    if (into != null) {
                        into[Measure.REVENUE.ordinal()] += e.amount();
                        switch (e.transactionKind()) {
                            case PURCHASE -> into[Measure.RETENTION.ordinal()] = 1;
                            case CANCELLATION -> into[Measure.CANCELLATION_RATE.ordinal()] = 1;
                            case REFUND -> { }
                        }
                    }
                }
                case SCORE -> {
                    if (t.isBefore(exposedAt)) {
                        scoreBefore = e;
                    } else if (inWindow) {
                        firstScoreIn = firstScoreIn == null ? e : firstScoreIn;
                        lastScoreIn = e;
                    }
                }
            }
        }
        // The change in CLV from the last score before exposure (or, never scored before, the first one after it)
        // to the last score in the window; the CLV at exposure is its covariate.
        CustomerEvent baseline = scoreBefore != null ? scoreBefore : firstScoreIn;
        if (baseline != null && lastScoreIn != null) {
            y[Measure.CLV_CHANGE.ordinal()] = lastScoreIn.clv() - baseline.clv();
        }
        x[Measure.CLV_CHANGE.ordinal()] = scoreBefore == null ? 0 : scoreBefore.clv();
        y[Measure.CX_SCORE_AT_EXPOSURE.ordinal()] =
                scoreBefore == null || scoreBefore.cxScore() == null ? 0 : scoreBefore.cxScore();
        firstContactResolution(events, exposedAt, windowEnd, rules, y, x);
        int net = Measure.NET_VALUE.ordinal();
        y[net] = y(y, Measure.REVENUE) + y(y, Measure.CLV_CHANGE) - y(y, Measure.AGENT_COST);
        x[net] = x[Measure.REVENUE.ordinal()] - x[Measure.AGENT_COST.ordinal()];
        return new CustomerOutcome(y, x);
    }

    private static double y(double[] values, Measure measure) {
        return values[measure.ordinal()];
    }

    private static void survey(CustomerEvent e, double[] num, double[] den) {
        if (e.csat() != null) {
            num[Measure.CSAT_TOP2.ordinal()] += e.csat() >= 4 ? 1 : 0;
            den[Measure.CSAT_TOP2.ordinal()]++;
        }
        if (e.feltValued() != null) {
            num[Measure.FELT_VALUED.ordinal()] += e.feltValued() >= 4 ? 1 : 0;
            den[Measure.FELT_VALUED.ordinal()]++;
        }
        if (e.nps() != null) {
            num[Measure.NPS.ordinal()] += e.nps() >= 9 ? 100 : e.nps() <= 6 ? -100 : 0;
            den[Measure.NPS.ordinal()]++;
        }
        if (e.ces() != null) {
            num[Measure.CUSTOMER_EFFORT.ordinal()] += e.ces();
            den[Measure.CUSTOMER_EFFORT.ordinal()]++;
        }
    }

    /**
     * Issues opened in the window (a handled contact with no handled contact of the same reason in the repeat window
     * before it) and those resolved at the first contact (no handled contact of the same reason in the repeat window
     * after it).
     */
    private static void firstContactResolution(List<CustomerEvent> sorted, Instant exposedAt, Instant windowEnd,
            OutcomeRules rules, double[] y, double[] x) {
        Map<String, List<Instant>> byReason = new HashMap<>();
        for (CustomerEvent e : sorted) {
            if (e.handledContact()) {
                byReason.computeIfAbsent(Objects.requireNonNullElse(e.contactReason(), ""), r -> new ArrayList<>())
                        .add(e.occurredAt());
            }
        }
        int fcr = Measure.FIRST_CONTACT_RESOLUTION.ordinal();
        for (List<Instant> times : byReason.values()) {
            for (int i = 0; i < times.size(); i++) {
                Instant t = times.get(i);
                if (t.isBefore(exposedAt) || !t.isBefore(windowEnd)) {
                    continue;
                }
                boolean continuesIssue = i > 0 && !times.get(i - 1).plus(rules.repeatWindow()).isBefore(t);
                if (continuesIssue) {
                    continue;
                }
                x[fcr]++;
                boolean repeated = i + 1 < times.size() && !t.plus(rules.repeatWindow()).isBefore(times.get(i + 1));
                if (!repeated) {
                    y[fcr]++;
                }
            }
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CustomerOutcome o && Arrays.equals(y, o.y) && Arrays.equals(x, o.x);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(y) + Arrays.hashCode(x);
    }

    @Override
    public String toString() {
        return "CustomerOutcome[y=" + Arrays.toString(y) + ", x=" + Arrays.toString(x) + "]";
    }
}
