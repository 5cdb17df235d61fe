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

    /** Open issues by the epoch second their window closes: issues, one-contact issues, touchpoints, ... */
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
        ContactFact c = record.fact();
        add(Tally.OFFERED, 1);
        boolean queueKnown = c.queueSeconds() != null;
        boolean withinThreshold = queueKnown && c.queueSeconds() <= serviceLevelSeconds;
        if (c.abandoned()) {
            add(Tally.ABANDONED, 1);
            if (queueKnown && !withinThreshold) {
                add(Tally.SERVICE_LEVEL_CONTACTS, 1);
            }
        } else {
            add(Tally.HANDLED, 1);
            if (queueKnown) {
                add(Tally.SERVICE_LEVEL_CONTACTS, 1);
                add(Tally.SERVICE_LEVEL_ANSWERED, withinThreshold ? 1 : 0);
            }
            addTime(TimePart.HANDLE, Tally.HANDLE_SECONDS, c.handleSeconds());
            addTime(TimePart.TALK, Tally.TALK_SECONDS, zeroIfNull(c.talkSeconds()));
            addTime(TimePart.HOLD, Tally.HOLD_SECONDS, zeroIfNull(c.holdSeconds()));
            addTime(TimePart.AFTER_WORK, Tally.AFTER_WORK_SECONDS, zeroIfNull(c.afterWorkSeconds()));
            add(Tally.TRANSFERS, c.transfers());
        }
        if (record.issue() != null) {
            if (record.issue().repeat()) {
                add(Tally.REPEAT_CONTACTS, 1);
            }
            IssueChains.Issue issue = record.issue().opened();
            if (issue != null) {
                addIssue(issue, asOf);
            }
        }
        if (c.saleOffered()) {
            add(Tally.SALES_OFFERED, 1);
        }
        if (c.saleAccepted()) {
            add(Tally.SALES_ACCEPTED, 1);
            if (c.saleAmount() != null && c.saleCurrency() != null) {
                money.computeIfAbsent(c.saleCurrency(), k -> new double[MONEY_FIELDS])[0] += c.saleAmount();
            }
        }
        for (ContactRecord.Cancellation cancellation : record.cancellations()) {
            add(Tally.SALES_CANCELLED, 1);
            money.computeIfAbsent(cancellation.currency(), k -> new double[MONEY_FIELDS])[1] += cancellation.amount();
        }
        record.surveys().forEach(this::addSurvey);
        record.evaluations().forEach(this::addEvaluation);
    }

    private void addTime(TimePart part, Tally tally, int seconds) {
        add(tally, seconds);
        sketches.computeIfAbsent(part, p -> KllFloatsSketch.newHeapInstance(SKETCH_K)).update(seconds);
    }

    private void addIssue(IssueChains.Issue issue, Instant asOf) {
        double resolved = issue.endedResolved() ? 1 : 0;
        double seconds = issue.resolutionSeconds() == null ? 0 : issue.resolutionSeconds();
        if (issue.closedBy(asOf)) {
            addClosedIssue(1, issue.touchpoints() == 1 ? 1 : 0, issue.touchpoints(), issue.runaround(), resolved,
                    seconds);
        } else {
            double[] open = openIssues.computeIfAbsent(issue.closesAt().getEpochSecond(),
                    k -> new double[ISSUE_FIELDS]);
            open[0] += 1;
            open[1] += issue.touchpoints() == 1 ? 1 : 0;
            open[2] += issue.touchpoints();
            open[3] += issue.runaround();
            open[4] += resolved;
            open[5] += seconds;
        }
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

    private void addSurvey(ContactRecord.Survey s) {
        if (s.csat() != null) {
            add(Tally.CSAT_ANSWERS, 1);
            add(Tally.CSAT_TOP2, s.csat() >= 4 ? 1 : 0);
            add(Tally.CSAT_SUM, s.csat());
            add(Tally.CSAT_SQUARES, (double) s.csat() * s.csat());
        }
        if (s.nps() != null) {
            add(Tally.NPS_ANSWERS, 1);
            add(Tally.NPS_PROMOTERS, s.nps() >= 9 ? 1 : 0);
            add(Tally.NPS_DETRACTORS, s.nps() <= 6 ? 1 : 0);
        }
        if (s.ces() != null) {
            add(Tally.CES_ANSWERS, 1);
            add(Tally.CES_SUM, s.ces());
            add(Tally.CES_SQUARES, (double) s.ces() * s.ces());
        }
        if (s.feltValued() != null) {
            add(Tally.FELT_VALUED_ANSWERS, 1);
            add(Tally.FELT_VALUED_TOP2, s.feltValued() >= 4 ? 1 : 0);
            add(Tally.FELT_VALUED_SUM, s.feltValued());
            add(Tally.FELT_VALUED_SQUARES, (double) s.feltValued() * s.feltValued());
        }
    }

    private void addEvaluation(ContactRecord.Evaluation e) {
        add(Tally.QUALITY_EVALUATIONS, 1);
        add(Tally.QUALITY_SUM, e.score());
        add(Tally.QUALITY_SQUARES, e.score() * e.score());
        e.criteria().forEach((criterion, score) -> {
            double[] sums = criteria.computeIfAbsent(criterion, k -> new double[CRITERION_FIELDS]);
            sums[0] += 1;
            sums[1] += score;
            sums[2] += score * score;
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
