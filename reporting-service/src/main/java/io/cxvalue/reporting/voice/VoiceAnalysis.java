package io.cxvalue.reporting.voice;

import io.cxvalue.reporting.stats.Proportions;
import io.cxvalue.reporting.voice.VoiceReport.Count;
import io.cxvalue.reporting.voice.VoiceReport.Direction;
import io.cxvalue.reporting.voice.VoiceReport.DistinctiveTheme;
import io.cxvalue.reporting.voice.VoiceReport.Estimate;
import io.cxvalue.reporting.voice.VoiceReport.ReasonThemes;
import io.cxvalue.reporting.voice.VoiceReport.Theme;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The voice of the customer from the terms of survey comments and contact notes: which themes customers raise, how
 * often against the period before, how satisfied those who raise them are and how their contacts went in sentiment,
 * and what is distinctive of each contact reason.
 * <ul>
 *   <li>A theme is a term (a word or two adjacent words, stemmed: ingestion's {@code CommentTerms}) that at least
 *   {@code minComments} comments mention: fewer could point at one person, and are noise. A word is left out when
 *   one pair containing it covers most of its mentions ("long" under "long wait").</li>
 *   <li>Trend: its share of the period's comments against its share of the period before's, with the Katz interval
 *   of the ratio; rising or falling when the interval excludes 1.</li>
 *   <li>Satisfaction attached: the CSAT answers given with its comments (mean; share of 1-2 with Wilson's interval),
 *   against the other comments' (ratio of the shares, Katz); and the sentiment of their contacts as the channel
 *   system measured it (mean; share negative, at -0.3 or below, against the other comments', in the same way).</li>
 *   <li>Distinctive of a contact reason: themes at least twice as frequent in its comments as in the other reasons',
 *   by Dunning's log-likelihood ratio (G2 at least 10.83, p &lt; 0.001), the keyness measure of corpus
 *   linguistics.</li>
 * </ul>
 */
public final class VoiceAnalysis {

    /** G2 of a 2x2 table at p = 0.001 (chi-squared, one degree of freedom). */
    private static final double G2_CRITICAL = 10.828;
    private static final double MIN_LIFT = 2.0;
    /** A word is left out when one pair containing it accounts for at least this share of its comments. */
    private static final double SUBSUMED = 0.7;

    private VoiceAnalysis() {
    }

    /**
     * @param minComments          fewest comments a theme needs to be shown
     * @param limit                most themes listed
     * @param maxReasons           most contact reasons listed
     * @param distinctivePerReason most distinctive themes per reason
     */
    public record Options(int minComments, int limit, int maxReasons, int distinctivePerReason) {

        public static final Options DEFAULTS = new Options(5, 20, 8, 5);
    }

    /** A theme's tallies. */
    private static final class Tally {
        long comments;
        long answered;
        long low;
        long csatSum;
        long measured;
        long negative;
        double sentimentSum;
        final Map<String, Long> labels = new HashMap<>();
        final Map<String, Long> reasons = new HashMap<>();
        long[] weekly;
    }

    public static VoiceReport analyse(List<Comment> current, List<Comment> previous, Instant from, Instant to,
            ZoneId zone, Options options) {
        Tallies tallies = new Tallies(from, to, zone);
        current.forEach(tallies::add);
        previous.forEach(tallies::addPrevious);
        return tallies.report(options);
    }

    /**
     * The one pass over the comments: each is added and dropped, so a year of a large centre's comments is never
     * held at once. Not thread-safe.
     */
    public static final class Tallies {
        private final Instant from;
        private final Instant to;
        private final ZoneId zone;
        private final LocalDate firstWeek;
        private final List<LocalDate> weeks = new ArrayList<>();
        private final Map<String, Tally> tallies = new HashMap<>();
        private final Map<String, Long> perReason = new HashMap<>();
        private final Map<String, Long> before = new HashMap<>();
        private final Set<String> seen = new HashSet<>();
        private long n;
        private long previousN;
        private long answered;
        private long low;
        private long measured;
        private long negative;

        public Tallies(Instant from, Instant to, ZoneId zone) {
            this.from = from;
            this.to = to;
            this.zone = zone;
            this.firstWeek = LocalDate.ofInstant(from, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            LocalDate lastDay = LocalDate.ofInstant(to.minusNanos(1), zone);
            for (LocalDate w = firstWeek; !w.isAfter(lastDay); w = w.plusWeeks(1)) {
                weeks.add(w);
            }
        }

        /** A comment of the period. */
        public void add(Comment c) {
            n++;
            perReason.merge(reason(c), 1L, Long::sum);
            if (c.csat() != null) {
                answered++;
                low += c.lowCsat() ? 1 : 0;
            }
            if (c.sentiment() != null) {
                measured++;
                negative += c.negativeSentiment() ? 1 : 0;
            }
            int week = (int) ChronoUnit.WEEKS.between(firstWeek, LocalDate.ofInstant(c.contactStartedAt(), zone));
            seen.clear();
            for (int i = 0; i < c.keys().size(); i++) {
                String key = c.keys().get(i);
                if (!seen.add(key)) {
                    continue;
                }
                Tally t = tallies.computeIfAbsent(key, k -> new Tally());
                t.comments++;
                t.labels.merge(c.labels().get(i), 1L, Long::sum);
                t.reasons.merge(reason(c), 1L, Long::sum);
                if (c.csat() != null) {
                    t.answered++;
                    t.csatSum += c.csat();
                    t.low += c.lowCsat() ? 1 : 0;
                }
                if (c.sentiment() != null) {
                    t.measured++;
                    t.sentimentSum += c.sentiment();
                    t.negative += c.negativeSentiment() ? 1 : 0;
                }
                if (t.weekly == null) {
                    t.weekly = new long[weeks.size()];
                }
                if (week >= 0 && week < weeks.size()) {
                    t.weekly[week]++;
                }
            }
        }

        /** A comment of the period of the same length before. */
        public void addPrevious(Comment c) {
            previousN++;
            seen.clear();
            for (String key : c.keys()) {
                if (seen.add(key)) {
                    before.merge(key, 1L, Long::sum);
                }
            }
        }

        public VoiceReport report(Options options) {
            List<String> themes = themes(tallies, options);
            List<Theme> listed = new ArrayList<>();
            for (String key : themes.subList(0, Math.min(options.limit(), themes.size()))) {
                listed.add(theme(key, tallies.get(key), n, before.getOrDefault(key, 0L), previousN, answered, low,
                        measured, negative));
            }
            return new VoiceReport(from, to, from.minus(Duration.between(from, to)), n, previousN,
                    answered == 0 ? null : (double) low / answered, measured == 0 ? null : (double) negative / measured,
                    weeks, listed,
                    byReason(perReason, n, themes, tallies, options), notes(options));
        }
    }

    /** The terms with enough comments, words covered by a pair left out, most mentioned first. */
    private static List<String> themes(Map<String, Tally> tallies, Options options) {
        Map<String, Long> eligible = new HashMap<>();
        tallies.forEach((k, t) -> {
            if (t.comments >= options.minComments()) {
                eligible.put(k, t.comments);
            }
        });
        Map<String, Long> bestPair = new HashMap<>();
        eligible.forEach((k, count) -> {
            String[] words = k.split(" ");
            if (words.length == 2) {
                bestPair.merge(words[0], count, Math::max);
                bestPair.merge(words[1], count, Math::max);
            }
        });
        List<String> kept = new ArrayList<>();
        eligible.forEach((k, count) -> {
            if (k.contains(" ") || bestPair.getOrDefault(k, 0L) < SUBSUMED * count) {
                kept.add(k);
            }
        });
        kept.sort(Comparator.comparingLong((String k) -> -eligible.get(k)).thenComparing(k -> k));
        return kept;
    }

    private static Theme theme(String key, Tally t, long n, long previousCount, long previousN, long answered,
            long low, long measured, long negative) {
        double[] share = Proportions.wilson(t.comments, n);
        Direction direction = null;
        Estimate ratio = null;
        if (previousN > 0 && previousCount == 0) {
            direction = Direction.NEW;
        } else if (previousN > 0) {
            double[] rr = Proportions.relativeRisk(t.comments, n, previousCount, previousN);
            ratio = new Estimate(rr[0], rr[1], rr[2]);
            direction = rr[1] > 1 ? Direction.RISING : rr[2] < 1 ? Direction.FALLING : Direction.STEADY;
        }
        Estimate lowShare = share(t.low, t.answered);
        Estimate lowRatio = ratio(t.low, t.answered, low - t.low, answered - t.answered);
        Estimate negativeShare = share(t.negative, t.measured);
        Estimate negativeRatio = ratio(t.negative, t.measured, negative - t.negative, measured - t.measured);
        String label = label(t);
        List<Count> reasons = t.reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(e -> new Count(e.getKey(), e.getValue())).toList();
        List<Long> weekly = new ArrayList<>();
        for (long w : t.weekly) {
            weekly.add(w);
        }
        Estimate shareEstimate = new Estimate((double) t.comments / n, share[0], share[1]);
        Double meanCsat = t.answered == 0 ? null : (double) t.csatSum / t.answered;
        Double meanSentiment = t.measured == 0 ? null : t.sentimentSum / t.measured;
        return new Theme(key, label, t.comments, shareEstimate, previousCount, direction, ratio, t.answered,
                meanCsat, lowShare, lowRatio, t.measured, meanSentiment, negativeShare, negativeRatio, weekly, reasons,
                sentence(label, t.comments, n, shareEstimate, direction, ratio, lowShare, lowRatio, negativeShare,
                        negativeRatio, reasons));
    }

    /** k of n with Wilson's interval; null when n is 0. */
    private static Estimate share(long k, long n) {
        if (n == 0) {
            return null;
        }
        double[] ci = Proportions.wilson(k, n);
        return new Estimate((double) k / n, ci[0], ci[1]);
    }

    /** a of n against b of m (Katz); null when either group is empty. */
    private static Estimate ratio(long a, long n, long b, long m) {
        if (n == 0) {
            return null;
        }
        double[] rr = Proportions.relativeRisk(a, n, b, m);
        return rr == null ? null : new Estimate(rr[0], rr[1], rr[2]);
    }

    private static boolean clear(Estimate ratio) {
        return ratio != null && (ratio.low() > 1 || ratio.high() < 1);
    }

    private static String sentence(String label, long comments, long n, Estimate share, Direction direction,
            Estimate ratio, Estimate lowShare, Estimate lowRatio, Estimate negativeShare, Estimate negativeRatio,
            List<Count> reasons) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "'%s' is mentioned in %.1f %% of comments "
                + "(%,d of %,d)", label, 100 * share.estimate(), comments, n));
        if (direction == Direction.NEW) {
            s.append(", new: no comment mentioned it in the period before");
        } else if (direction == Direction.RISING || direction == Direction.FALLING) {
            s.append(String.format(Locale.ROOT, ", %s: %.1f times its share of the period before (95 %% CI %.1f to "
                    + "%.1f)", direction == Direction.RISING ? "rising" : "falling", ratio.estimate(), ratio.low(),
                    ratio.high()));
        } else if (direction == Direction.STEADY) {
            s.append(", about as often as in the period before");
        }
        if (lowShare != null && clear(lowRatio)) {
            s.append(String.format(Locale.ROOT, "; %.0f %% of those who rated CSAT gave 1-2, %.1f times the other "
                            + "comments' share (95 %% CI %.1f to %.1f)", 100 * lowShare.estimate(),
                    lowRatio.estimate(), lowRatio.low(), lowRatio.high()));
        }
        if (negativeShare != null && clear(negativeRatio)) {
            s.append(String.format(Locale.ROOT, "; %.0f %% of its contacts measured negative in sentiment, %.1f times "
                            + "the other comments' share (95 %% CI %.1f to %.1f)", 100 * negativeShare.estimate(),
                    negativeRatio.estimate(), negativeRatio.low(), negativeRatio.high()));
        }
        if (!reasons.isEmpty() && !reasons.get(0).name().isEmpty()) {
            s.append(String.format(Locale.ROOT, "; most about '%s'", reasons.get(0).name()));
        }
        return s.append('.').toString();
    }

    /**
     * Per contact reason (most comments first), the themes over-represented in its comments, from the tallies of
     * the one pass over them (each theme's comments by reason).
     */
    private static List<ReasonThemes> byReason(Map<String, Long> perReason, long n, List<String> themes,
            Map<String, Tally> tallies, Options options) {
        List<ReasonThemes> out = new ArrayList<>();
        perReason.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(options.maxReasons())
                .forEach(e -> {
                    long inReason = e.getValue();
                    long others = n - inReason;
                    List<DistinctiveTheme> distinctive = new ArrayList<>();
                    for (String key : themes) {
                        long a = tallies.get(key).reasons.getOrDefault(e.getKey(), 0L);
                        long b = tallies.get(key).comments - a;
                        if (others == 0 || a < options.minComments()) {
                            continue;
                        }
                        double shareIn = (double) a / inReason;
                        double shareOut = (b == 0 ? 0.5 : b) / (double) others;
                        double g2 = logLikelihood(a, inReason - a, b, others - b);
                        if (shareIn / shareOut >= MIN_LIFT && g2 >= G2_CRITICAL) {
                            distinctive.add(new DistinctiveTheme(key, label(tallies.get(key)), a, shareIn,
                                    shareIn / shareOut, g2));
                        }
                    }
                    distinctive.sort(Comparator.comparingDouble((DistinctiveTheme d) -> -d.logLikelihood())
                            .thenComparing(DistinctiveTheme::key));
                    out.add(new ReasonThemes(e.getKey(), inReason,
                            distinctive.subList(0, Math.min(options.distinctivePerReason(), distinctive.size()))));
                });
        return out;
    }

    /** Dunning's G2 = 2 sum O ln(O / E) of the table [[a, b'], [c, d']] with rows (reason, others). */
    static double logLikelihood(long a, long notA, long c, long notC) {
        double n = a + notA + c + notC;
        double row1 = a + notA;
        double row2 = c + notC;
        double col1 = a + c;
        double col2 = notA + notC;
        return 2 * (term(a, row1 * col1 / n) + term(notA, row1 * col2 / n) + term(c, row2 * col1 / n)
                + term(notC, row2 * col2 / n));
    }

    private static double term(double observed, double expected) {
        return observed == 0 ? 0 : observed * Math.log(observed / expected);
    }

    /** The most frequent form written; ties to the first in alphabetical order. */
    private static String label(Tally t) {
        String best = null;
        long most = 0;
        for (Map.Entry<String, Long> e : t.labels.entrySet()) {
            if (e.getValue() > most || e.getValue() == most && e.getKey().compareTo(best) < 0) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    private static String reason(Comment c) {
        return c.contactReason() == null ? "" : c.contactReason();
    }

    private static List<String> notes(Options options) {
        return List.of(
                "A theme is a word or two adjacent words of survey comments (stop words and numbers left out, "
                        + "variants stemmed together), shown when at least " + options.minComments()
                        + " comments mention it; a word is left out when one pair containing it covers most of its "
                        + "mentions.",
                "Rising or falling: the theme's share of comments against its share in the period of the same "
                        + "length before, when the 95 % interval of the ratio excludes 1.",
                "Satisfaction attached: the CSAT answers given with the theme's comments against those given with "
                        + "the other comments.",
                "Sentiment attached: the sentiment the channel system measured for the contacts of the theme's "
                        + "comments and notes (negative at -0.3 or below) against the other comments' contacts; "
                        + "notes and transcripts carry no CSAT, so this is how their themes are judged.",
                "Distinctive of a contact reason: at least twice as frequent in its comments as in the other "
                        + "reasons', by Dunning's log-likelihood ratio (p < 0.001).",
                "Comments count on the day and team of their contact; their text stays in ingestion (verbatims: "
                        + "GET /api/v1/verbatims there, by the theme's key).");
    }
}
