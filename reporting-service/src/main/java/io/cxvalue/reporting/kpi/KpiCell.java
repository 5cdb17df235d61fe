package io.cxvalue.reporting.kpi;

import io.cxvalue.reporting.contact.ContactFact;
import io.cxvalue.reporting.contact.ContactRecord;
import org.apache.datasketches.kll.KllFloatsSketch;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The additive summary of a set of contacts: the {@link Tally} sums, money per currency, quality per criterion,
 * quantile sketches of the handle time and its parts, and the issues opened here that were still open when the cell
 * was computed (by the time their window closes, so a reader folds in those closed by its own time with
 * {@link #settle}). Cells of any set of contacts merge into the cell of their union, which is what lets the rollups be
 * pre-aggregated per day and summed per week, team or year. Plain Java, not thread-safe.
 */
public final class KpiCell {

    /** The handle time and its parts, each with a quantile sketch over handled contacts. */
    public enum TimePart {
        HANDLE, TALK, HOLD, AFTER_WORK;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Per open issue group: issues, FCR candidates (one contact), touchpoints, runaround, resolved, seconds. */
    public static final int ISSUE_FIELDS = 6;
    /** Per currency: sales revenue, cancelled amount. */
    public static final int MONEY_FIELDS = 2;
    /** Per quality criterion: evaluations, sum, sum of squares. */
    public static final int CRITERION_FIELDS = 3;
    /** DataSketches' default: about 1.3 % rank error at 99 % confidence, exact up to 200 values. */
    static final int SKETCH_K = 200;

    private final double[] tallies = new double[Tally.values().length];
    private final TreeMap<Long, double[]> openIssues = new TreeMap<>();
    private final Map<String, double[]> money = new TreeMap<>();
    private final Map<String, double[]> criteria = new TreeMap<>();
    private final EnumMap<TimePart, KllFloatsSketch> sketches = new EnumMap<>(TimePart.class);

    public double get(Tally tally) {
        return tallies[tally.ordinal()];
    }

    public void add(Tally tally, double amount) {
        tallies[tally.ordinal()] += amount;
    }

    /** Open issues by the epoch second they settle ({@link #settlesAt}): issues, one-contact issues, ... */
    public TreeMap<Long, double[]> openIssues() {
        return openIssues;
    }

    /** Per currency: [sales revenue, cancelled amount]. */
    public Map<String, double[]> money() {
        return money;
    }

    /** Per quality criterion: [evaluations, sum, sum of squares]. */
    public Map<String, double[]> criteria() {
        return criteria;
    }

    public KllFloatsSketch sketch(TimePart part) {
        return sketches.get(part);
    }

    /** Adds a sketch already read (sketches read once can be merged into many cells). */
    public void mergeSketch(TimePart part, KllFloatsSketch sketch) {
        KllFloatsSketch existing = sketches.get(part);
        if (existing == null) {
            existing = KllFloatsSketch.newHeapInstance(SKETCH_K);
            sketches.put(part, existing);
        }
        existing.merge(sketch);
    }

    /** Adds every sum of {@code other} but its sketches (for queries that ask for no quantile). */
    public void mergeSums(KpiCell other) {
        for (int i = 0; i < tallies.length; i++) {
            tallies[i] += other.tallies[i];
        }
        other.openIssues.forEach((closesAt, sums) -> addAll(openIssues.computeIfAbsent(closesAt,
                k -> new double[ISSUE_FIELDS]), sums));
        other.money.forEach((currency, sums) -> addAll(money.computeIfAbsent(currency,
                k -> new double[MONEY_FIELDS]), sums));
        other.criteria.forEach((criterion, sums) -> addAll(criteria.computeIfAbsent(criterion,
                k -> new double[CRITERION_FIELDS]), sums));
    }

    /** The part's sketch, serialized; null when no handled contact is in the cell. */
    public byte[] sketchBytes(TimePart part) {
        KllFloatsSketch sketch = sketches.get(part);
        return sketch == null || sketch.isEmpty() ? null : sketch.toByteArray();
    }

    /**
     * Adds one contact. Its issue (if it opened one) counts as closed when its window had closed by {@code asOf},
     * else it is kept open under its closing time.
     *
     * @param serviceLevelSeconds the service-level threshold (queue time within which a contact counts as answered
     *                            in time, and within which an abandoned contact does not count against it)
     */
    public void add(ContactRecord record, Instant asOf, int serviceLevelSeconds) {
        add(record, asOf, serviceLevelSeconds, 1, true);
    }

    /**
     * Adds ({@code sign} 1) or takes back ({@code sign} -1) one contact's contribution to every sum. A quantile sketch
     * cannot take a value back, so the sketches are updated only when {@code withSketches}: a contact's times never
     * change, and a cell maintained incrementally adds them once, when the contact is first counted. To take back
     * exactly what was added, {@code asOf} must put the contact's issue on the same side (open or closed) as when
     * it was added, which {@link #settle} before both guarantees.
     */
    public void add(ContactRecord record, Instant asOf, int serviceLevelSeconds, int sign, boolean withSketches) {
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("sign must be 1 or -1: " + sign);
        }
        ContactFact c = record.fact();
        add(Tally.OFFERED, sign);
        boolean queueKnown = c.queueSeconds() != null;
        boolean withinThreshold = queueKnown && c.queueSeconds() <= serviceLevelSeconds;
        if (c.abandoned()) {
            add(Tally.ABANDONED, sign);
            if (queueKnown && !withinThreshold) {
                add(Tally.SERVICE_LEVEL_CONTACTS, sign);
            }
        } else {
            add(Tally.HANDLED, sign);
            if (queueKnown) {
                add(Tally.SERVICE_LEVEL_CONTACTS, sign);
                add(Tally.SERVICE_LEVEL_ANSWERED, withinThreshold ? sign : 0);
            }
            addTime(TimePart.HANDLE, Tally.HANDLE_SECONDS, c.handleSeconds(), sign, withSketches);
            addTime(TimePart.TALK, Tally.TALK_SECONDS, zeroIfNull(c.talkSeconds()), sign, withSketches);
            addTime(TimePart.HOLD, Tally.HOLD_SECONDS, zeroIfNull(c.holdSeconds()), sign, withSketches);
            addTime(TimePart.AFTER_WORK, Tally.AFTER_WORK_SECONDS, zeroIfNull(c.afterWorkSeconds()), sign,
                    withSketches);
            add(Tally.TRANSFERS, (double) sign * c.transfers());
        }
        if (c.sentiment() != null) {
            add(Tally.SENTIMENT_CONTACTS, sign);
            add(Tally.SENTIMENT_SUM, sign * c.sentiment());
        }
        if (record.issue() != null) {
            if (record.issue().repeat()) {
                add(Tally.REPEAT_CONTACTS, sign);
            }
            IssueChains.Issue issue = record.issue().opened();
            if (issue != null) {
                addIssue(issue, asOf, sign);
            }
        }
        if (c.saleOffered()) {
            add(Tally.SALES_OFFERED, sign);
        }
        if (c.saleAccepted()) {
            add(Tally.SALES_ACCEPTED, sign);
            if (c.saleAmount() != null && c.saleCurrency() != null) {
                money.computeIfAbsent(c.saleCurrency(), k -> new double[MONEY_FIELDS])[0] += sign * c.saleAmount();
            }
        }
        for (ContactRecord.Cancellation cancellation : record.cancellations()) {
            add(Tally.SALES_CANCELLED, sign);
            money.computeIfAbsent(cancellation.currency(), k -> new double[MONEY_FIELDS])[1] +=
                    sign * cancellation.amount();
        }
        record.surveys().forEach(s -> addSurvey(s, sign));
        record.evaluations().forEach(e -> addEvaluation(e, sign));
    }

    private void addTime(TimePart part, Tally tally, int seconds, int sign, boolean withSketch) {
        add(tally, (double) sign * seconds);
        if (withSketch) {
            sketches.computeIfAbsent(part, p -> KllFloatsSketch.newHeapInstance(SKETCH_K)).update(seconds);
        }
    }

    private void addIssue(IssueChains.Issue issue, Instant asOf, int sign) {
        double resolved = issue.endedResolved() ? sign : 0;
        double seconds = issue.resolutionSeconds() == null ? 0 : (double) sign * issue.resolutionSeconds();
        double single = issue.touchpoints() == 1 ? sign : 0;
        long settlesAt = settlesAt(issue.closesAt());
        if (settlesAt <= asOf.getEpochSecond()) {
            addClosedIssue(sign, single, (double) sign * issue.touchpoints(), (double) sign * issue.runaround(),
                    resolved, seconds);
        } else {
            double[] open = openIssues.computeIfAbsent(settlesAt, k -> new double[ISSUE_FIELDS]);
            open[0] += sign;
            open[1] += single;
            open[2] += (double) sign * issue.touchpoints();
            open[3] += (double) sign * issue.runaround();
            open[4] += resolved;
            open[5] += seconds;
            if (open[0] == 0) {
                // Taken back: nothing of it is left to settle.
                openIssues.remove(settlesAt);
            }
        }
    }

    /**
     * When an issue counts as closed: the first full hour (epoch second) at or after its window closes. Open issues
     * are kept by that hour, so a cell holds at most one entry per hour of a repeat window whatever its volume (kept
     * by the second, a busy team-day's cell held one per issue); an issue counts as closed up to an hour late, never
     * early.
     */
    public static long settlesAt(Instant closesAt) {
        return Math.floorDiv(closesAt.getEpochSecond() + 3599, 3600) * 3600;
    }

    private void addClosedIssue(double issues, double singleContact, double touchpoints, double runaround,
            double resolved, double seconds) {
        add(Tally.ISSUES_CLOSED, issues);
        add(Tally.FCR_ISSUES, singleContact);
        add(Tally.CLOSED_TOUCHPOINTS, touchpoints);
        add(Tally.CLOSED_RUNAROUND, runaround);
        add(Tally.RESOLVED_ISSUES, resolved);
        add(Tally.RESOLUTION_SECONDS, seconds);
    }

    private void addSurvey(ContactRecord.Survey s, int sign) {
        if (s.csat() != null) {
            add(Tally.CSAT_ANSWERS, sign);
            add(Tally.CSAT_TOP2, s.csat() >= 4 ? sign : 0);
            add(Tally.CSAT_SUM, (double) sign * s.csat());
            add(Tally.CSAT_SQUARES, (double) sign * s.csat() * s.csat());
        }
        if (s.nps() != null) {
            add(Tally.NPS_ANSWERS, sign);
            add(Tally.NPS_PROMOTERS, s.nps() >= 9 ? sign : 0);
            add(Tally.NPS_DETRACTORS, s.nps() <= 6 ? sign : 0);
        }
        if (s.ces() != null) {
            add(Tally.CES_ANSWERS, sign);
            add(Tally.CES_SUM, (double) sign * s.ces());
            add(Tally.CES_SQUARES, (double) sign * s.ces() * s.ces());
        }
        if (s.feltValued() != null) {
            add(Tally.FELT_VALUED_ANSWERS, sign);
            add(Tally.FELT_VALUED_TOP2, s.feltValued() >= 4 ? sign : 0);
            add(Tally.FELT_VALUED_SUM, (double) sign * s.feltValued());
            add(Tally.FELT_VALUED_SQUARES, (double) sign * s.feltValued() * s.feltValued());
        }
    }

    private void addEvaluation(ContactRecord.Evaluation e, int sign) {
        add(Tally.QUALITY_EVALUATIONS, sign);
        add(Tally.QUALITY_SUM, sign * e.score());
        add(Tally.QUALITY_SQUARES, sign * e.score() * e.score());
        e.criteria().forEach((criterion, score) -> {
            double[] sums = criteria.computeIfAbsent(criterion, k -> new double[CRITERION_FIELDS]);
            sums[0] += sign;
            sums[1] += sign * score;
            sums[2] += sign * score * score;
            if (sums[0] == 0) {
                criteria.remove(criterion);
            }
        });
    }

    /** Adds every contact of {@code other} to this cell. */
    public void merge(KpiCell other) {
        mergeSums(other);
        other.sketches.forEach(this::mergeSketch);
    }

    /** Counts the open issues whose window has closed by {@code asOf} as closed. */
    public void settle(Instant asOf) {
        Map<Long, double[]> closed = openIssues.headMap(asOf.getEpochSecond(), true);
        closed.values().forEach(s -> addClosedIssue(s[0], s[1], s[2], s[3], s[4], s[5]));
        closed.clear();
    }

    /** Issues opened here whose window is still open (as of the last {@link #settle}). */
    public double openIssueCount() {
        return openIssues.values().stream().mapToDouble(s -> s[0]).sum();
    }

    private static void addAll(double[] into, double[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    private static int zeroIfNull(Integer seconds) {
        return seconds == null ? 0 : seconds;
    }
}
