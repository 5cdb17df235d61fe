package io.cxvalue.reporting.crosssell;


import io.cxvalue.reporting.contact.ContactFact;
import io.cxvalue.reporting.stats.Proportions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which contacts make sales that stick: the share of sales cancelled or refunded within a window, by the contact's
 * sentiment band, resolution, whether it was a repeat contact and its CSAT, each level against the good contacts
 * (positive sentiment, resolved, first contact, CSAT 4-5) as a relative risk with its 95 % interval, in words; and
 * the sentiment below which sales are clearly cancelled more often, as a threshold for the caller policy. Rates carry
 * Wilson intervals; relative risks the Katz log interval (with a half added to every cell when one is empty). Plain
 * Java.
 */
public final class CrossSellAnalysis {

    /** Sentiment at or above this is positive; at or below its negative, negative. */
    public static final double POSITIVE_SENTIMENT = ContactFact.SENTIMENT_BAND;
    /** Sales a sentiment bin needs before it can set the suggested threshold. */
    static final int MIN_BIN_SALES = 20;
    static final double BIN_WIDTH = 0.2;

    /** What a sale's contact is compared by; each factor's first level is its reference. */
    public enum Factor {
        SENTIMENT("sentiment", List.of("positive", "neutral", "negative", "unknown"), s -> s.sentiment() == null
                ? "unknown" : s.sentiment() >= POSITIVE_SENTIMENT ? "positive"
                : s.sentiment() <= -POSITIVE_SENTIMENT ? "negative" : "neutral"),
        RESOLUTION("resolution", List.of("resolved", "unresolved", "unknown"), s -> s.resolved() == null ? "unknown"
                : s.resolved() ? "resolved" : "unresolved"),
        REPEAT("repeat", List.of("first contact", "repeat contact", "unknown"), s -> s.repeat() == null ? "unknown"
                : s.repeat() ? "repeat contact" : "first contact"),
        CSAT("csat", List.of("4-5", "3", "1-2", "not answered"), s -> s.csat() == null ? "not answered"
                : s.csat() >= 4 ? "4-5" : s.csat() == 3 ? "3" : "1-2");

        private final String key;
        private final List<String> levels;
        private final Function<SaleOutcome, String> level;

        Factor(String key, List<String> levels, Function<SaleOutcome, String> level) {
            this.key = key;
            this.levels = levels;
            this.level = level;
        }

        public String key() {
            return key;
        }

        /** How a level reads in a sentence: "contacts with negative sentiment". */
        String contacts(String value) {
            return switch (this) {
                case SENTIMENT -> value.equals("unknown") ? "contacts without a sentiment measure"
                        : "contacts with " + value + " sentiment";
                case RESOLUTION -> value.equals("unknown") ? "contacts without a resolution mark"
                        : value + " contacts";
                case REPEAT -> value.equals("unknown") ? "contacts not yet chained" : value + "s";
                case CSAT -> value.equals("not answered") ? "contacts without a CSAT answer"
                        : "contacts rated " + value + " for CSAT";
            };
        }
    }

    /**
     * One level of a factor.
     *
     * @param rate         cancelled / sales with its Wilson 95 % interval; null without sales
     * @param relativeRisk the rate against the reference level's, with its 95 % interval; null for the reference
     * @param clear        whether the interval excludes 1
     */
    public record Level(String level, boolean reference, long sales, long cancelled, Double rate, Double low,
            Double high, Double relativeRisk, Double relativeRiskLow, Double relativeRiskHigh, boolean clear,
            String words) {
    }

    public record FactorResult(String factor, String reference, List<Level> levels) {
    }

    /**
     * A threshold for the caller policy's {@code negativeSentimentBelow}, with the sentence the card can cite; the
     * threshold is null when no sentiment range shows clearly more cancellations than positive contacts.
     */
    public record Suggestion(Double negativeSentimentBelow, String evidence) {
    }

    /**
     * The analysis of matured sales (their whole window has passed).
     *
     * @param revenueByCurrency     accepted sales' amounts
     * @param revenueLostByCurrency the amounts cancelled or refunded within the window
     */
    public record Result(long sales, long cancelled, Double rate, Double low, Double high,
            Map<String, Double> revenueByCurrency, Map<String, Double> revenueLostByCurrency,
            List<FactorResult> factors, Suggestion suggestion) {
    }

    private CrossSellAnalysis() {
    }

    public static Result analyse(List<SaleOutcome> sales, Duration window) {
        boolean[] cancelled = new boolean[sales.size()];
        long total = 0;
        Map<String, Double> revenue = new TreeMap<>();
        Map<String, Double> lost = new TreeMap<>();
        for (int i = 0; i < sales.size(); i++) {
            SaleOutcome s = sales.get(i);
            cancelled[i] = s.cancelledWithin(window) != null;
            total += cancelled[i] ? 1 : 0;
            String currency = s.currency() == null ? "unknown" : s.currency();
            revenue.merge(currency, s.amount(), Double::sum);
            double amount = s.amountCancelledWithin(window);
            if (amount > 0) {
                lost.merge(currency, amount, Double::sum);
            }
        }
        List<FactorResult> factors = new ArrayList<>();
        for (Factor f : Factor.values()) {
            factors.add(factor(f, sales, cancelled));
        }
        double[] overall = Proportions.wilson(total, sales.size());
        return new Result(sales.size(), total, overall == null ? null : (double) total / sales.size(),
                overall == null ? null : overall[0], overall == null ? null : overall[1], revenue, lost, factors,
                suggestion(sales, cancelled));
    }

    private static FactorResult factor(Factor f, List<SaleOutcome> sales, boolean[] cancelled) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        f.levels.forEach(l -> counts.put(l, new long[2]));
        for (int i = 0; i < sales.size(); i++) {
            long[] c = counts.get(f.level.apply(sales.get(i)));
            c[0]++;
            c[1] += cancelled[i] ? 1 : 0;
        }
        String reference = f.levels.get(0);
        long[] ref = counts.get(reference);
        List<Level> levels = new ArrayList<>();
        counts.forEach((level, c) -> {
            if (c[0] == 0) {
                return;
            }
            double[] ci = Proportions.wilson(c[1], c[0]);
            boolean isReference = level.equals(reference);
            double[] rr = isReference ? null : Proportions.relativeRisk(c[1], c[0], ref[1], ref[0]);
            boolean clear = rr != null && (rr[1] > 1 || rr[2] < 1);
            String words = rr == null ? null : words(f.contacts(level), f.contacts(reference), rr);
            levels.add(new Level(level, isReference, c[0], c[1], (double) c[1] / c[0], ci[0], ci[1],
                    rr == null ? null : rr[0], rr == null ? null : rr[1], rr == null ? null : rr[2], clear, words));
        });
        return new FactorResult(f.key, reference, levels);
    }

    /**
     * The threshold: sentiment in bins of {@value #BIN_WIDTH} from -1; from the lowest bin up, each bin with at least
     * {@value #MIN_BIN_SALES} sales whose cancellations are clearly above positive contacts' (interval above 1)
     * raises the threshold to its upper edge, and the first bin that is not clearly above stops the scan.
     */
    static Suggestion suggestion(List<SaleOutcome> sales, boolean[] cancelled) {
        long[] ref = count(sales, cancelled, s -> s.sentiment() != null && s.sentiment() >= POSITIVE_SENTIMENT);
        Double threshold = null;
        for (double edge = -1; edge < POSITIVE_SENTIMENT - 1e-9; edge += BIN_WIDTH) {
            double lowEdge = edge;
            double highEdge = edge + BIN_WIDTH;
            long[] bin = count(sales, cancelled, s -> s.sentiment() != null && s.sentiment() >= lowEdge - 1e-9
                    && s.sentiment() < highEdge - 1e-9);
            if (bin[0] < MIN_BIN_SALES) {
                continue;
            }
            double[] rr = Proportions.relativeRisk(bin[1], bin[0], ref[1], ref[0]);
            if (rr == null || rr[1] <= 1) {
                break;
            }
            threshold = Math.round(highEdge * 10) / 10.0;
        }
        if (threshold == null) {
            return new Suggestion(null, "No sentiment range shows clearly more cancellations than sales in contacts "
                    + "with positive sentiment");
        }
        double below = threshold;
        long[] under = count(sales, cancelled, s -> s.sentiment() != null && s.sentiment() < below - 1e-9);
        double[] rr = Proportions.relativeRisk(under[1], under[0], ref[1], ref[0]);
        return new Suggestion(threshold, words(String.format(Locale.ROOT, "contacts with sentiment below %.1f",
                threshold), Factor.SENTIMENT.contacts("positive"), rr) + String.format(Locale.ROOT,
                " (%d sales against %d)", under[0], ref[0]));
    }

    private static long[] count(List<SaleOutcome> sales, boolean[] cancelled, Predicate<SaleOutcome> in) {
        long[] c = new long[2];
        for (int i = 0; i < sales.size(); i++) {
            if (in.test(sales.get(i))) {
                c[0]++;
                c[1] += cancelled[i] ? 1 : 0;
            }
        }
        return c;
    }

    /** "sales made in X are cancelled 3.1 times as often as those made in Y (95 % CI 2.4 to 4.0)". */
    static String words(String level, String reference, double[] rr) {
        String ci = String.format(Locale.ROOT, "(95 %% CI %.1f to %.1f)", rr[1], rr[2]);
        if (rr[1] > 1 || rr[2] < 1) {
            return String.format(Locale.ROOT, "sales made in %s are cancelled %.1f times as often as those made in "
                    + "%s %s", level, rr[0], reference, ci);
        }
        return String.format(Locale.ROOT, "sales made in %s are cancelled about as often as those made in %s "
                + "(relative risk %.1f, 95 %% CI %.1f to %.1f)", level, reference, rr[0], rr[1], rr[2]);
    }
}
