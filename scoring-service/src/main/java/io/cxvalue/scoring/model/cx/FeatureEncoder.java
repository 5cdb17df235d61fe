package io.cxvalue.scoring.model.cx;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns {@link InteractionFeatures} into the numeric vector the logistic regression sees. Every choice that depends
 * on data (which contact reasons get their own column, imputation medians, reference levels, means and scales) is
 * fitted on the training set only and kept here, so an interaction scored later is encoded exactly as the training
 * rows were and the holdout evaluation is not flattered by information from the holdout.
 *
 * <p>Columns, before selection:
 * <ul>
 *   <li>categorical fields as one-hot indicators: {@code channel=}, {@code direction=} (with {@code (unknown)}),
 *       {@code reason=} for the most frequent contact reasons plus {@code (other)} and {@code (unknown)},
 *       {@code resolved=yes|no|(unknown)}, {@code partOfDay=night|morning|afternoon|evening|(unknown)} (0-5, 6-11,
 *       12-17, 18-23 local time), {@code dayType=weekday|weekend|(unknown)}. In each group the most frequent level in
 *       training is the reference and has no column, so each effect reads "compared with the usual case" and the
 *       design stays full rank next to the intercept;</li>
 *   <li>durations as {@code log1p(seconds)}: waits and handle times are heavily right-skewed and their effect on
 *       satisfaction is closer to proportional ("twice as long") than additive; a missing duration is imputed with
 *       the training median and flagged by a {@code <field> missing} indicator, which lets "not reported" carry its
 *       own effect instead of pretending it was typical;</li>
 *   <li>{@code sentiment} as is (-1..1), imputed and flagged the same way; {@code transfers} capped at
 *       {@value #TRANSFERS_CAP} (a handful of extreme contacts should not set the slope); {@code abandoned} and
 *       {@code repeatContact} as 0/1.</li>
 * </ul>
 *
 * <p>Selection: an indicator column needs at least {@code minCount} training rows on each side (a level seen in a
 * handful of rows would get a noisy effect that the L2 penalty, applied after standardisation, barely shrinks); a
 * level without its own column is scored as its group's reference. Contact reasons that do not make the top list,
 * including reasons first seen after training, become {@code (other)}. A continuous column constant in training is
 * dropped. Every kept column is standardised with its training mean and (population) standard deviation.
 */
public final class FeatureEncoder {

    /** Transfers above this count as this many. */
    public static final int TRANSFERS_CAP = 5;

    static final String OTHER = "(other)";
    static final String UNKNOWN = "(unknown)";
    private static final String[] DURATIONS = {"queueSeconds", "talkSeconds", "holdSeconds", "afterWorkSeconds"};
    private static final String SENTIMENT = "sentiment";
    private static final String[] PARTS_OF_DAY = {"night", "morning", "afternoon", "evening"};

    /**
     * One input column of the model.
     *
     * @param name      e.g. {@code channel=CHAT}, {@code log1p(queueSeconds)}, {@code sentiment missing}
     * @param reference for a one-hot column the level it is compared with (e.g. {@code channel=VOICE}), else null
     * @param mean      training mean of the raw column
     * @param scale     training standard deviation of the raw column (&gt; 0)
     */
    public record Column(String name, String reference, double mean, double scale) {
        public Column {
            Objects.requireNonNull(name, "name");
            if (!(scale > 0) || !Double.isFinite(mean)) {
                throw new IllegalArgumentException("column " + name + ": bad mean/scale " + mean + "/" + scale);
            }
        }
    }

    private final List<String> reasons;
    private final Map<String, Double> medians;
    private final List<Column> columns;
    private final List<String> candidates;
    private final int[] candidateIndex;

    /**
     * Rebuilds an encoder from its stored parts (as returned by the accessors).
     *
     * @param reasons contact reasons (normalised) with their own candidate column, most frequent first
     * @param medians imputation value per numeric field ({@code queueSeconds}, ... on the log1p scale, and
     *                {@code sentiment})
     * @param columns the selected, standardised columns in model order
     */
    public FeatureEncoder(List<String> reasons, Map<String, Double> medians, List<Column> columns) {
        this.reasons = List.copyOf(reasons);
        this.medians = Map.copyOf(medians);
        this.columns = List.copyOf(columns);
        for (String field : DURATIONS) {
            requireMedian(field);
        }
        requireMedian(SENTIMENT);
        this.candidates = candidateNames(this.reasons);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            index.put(candidates.get(i), i);
        }
        this.candidateIndex = new int[this.columns.size()];
        for (int j = 0; j < this.columns.size(); j++) {
            Integer i = index.get(this.columns.get(j).name());
            if (i == null) {
                throw new IllegalArgumentException("unknown column " + this.columns.get(j).name());
            }
            candidateIndex[j] = i;
        }
    }

    /**
     * Fits the encoding on {@code training}.
     *
     * @param topReasons at most this many contact reasons get their own column (most frequent first, ties by name)
     * @param minCount   rows needed on each side of an indicator column, and by a contact reason to get a column
     */
    public static FeatureEncoder fit(List<InteractionFeatures> training, int topReasons, int minCount) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("cannot fit an encoder on no rows");
        }
        if (topReasons < 0 || minCount < 1) {
            throw new IllegalArgumentException("topReasons must be >= 0 and minCount >= 1");
        }
        // Contact reason vocabulary.
        Map<String, Integer> reasonCounts = new HashMap<>();
        for (InteractionFeatures f : training) {
            String r = normaliseReason(f.contactReason());
            if (r != null) {
                reasonCounts.merge(r, 1, Integer::sum);
            }
        }
        List<String> vocabulary = reasonCounts.entrySet().stream()
                .filter(e -> e.getValue() >= minCount)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(topReasons)
                .map(Map.Entry::getKey)
                .toList();
        // Imputation medians over the known values.
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String field : DURATIONS) {
            medians.put(field, median(training.stream().map(f -> duration(f, field)).toList()));
        }
        medians.put(SENTIMENT, median(training.stream().map(InteractionFeatures::sentiment).toList()));

        // All candidate columns, then reference levels, selection and standardisation.
        FeatureEncoder raw = new FeatureEncoder(vocabulary, medians, List.of());
        List<String> names = raw.candidates;
        int p = names.size();
        int n = training.size();
        double[] sum = new double[p];
        double[] sumSq = new double[p];
        for (InteractionFeatures f : training) {
            double[] x = raw.rawValues(f);
            for (int i = 0; i < p; i++) {
                sum[i] += x[i];
                sumSq[i] += x[i] * x[i];
            }
        }
        Map<String, String> referenceOf = new HashMap<>();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < p; i++) {
            String group = groupOf(names.get(i));
            if (group != null) {
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> members : groups.values()) {
            int ref = members.stream().max(Comparator.<Integer>comparingDouble(i -> sum[i])
                    .thenComparing(Comparator.<Integer>reverseOrder())).orElseThrow();
            for (int i : members) {
                referenceOf.put(names.get(i), i == ref ? null : names.get(ref));
            }
        }
        List<Column> selected = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            String name = names.get(i);
            double mean = sum[i] / n;
            double variance = Math.max(0.0, sumSq[i] / n - mean * mean);
            boolean indicator = isIndicator(name);
            if (indicator) {
                long ones = Math.round(sum[i]);
                if (Math.min(ones, n - ones) < minCount) {
                    continue;
                }
                if (referenceOf.containsKey(name) && referenceOf.get(name) == null) {
                    continue; // the group's reference level
                }
            } else if (!(variance > 1e-12)) {
                continue;
            }
            selected.add(new Column(name, referenceOf.get(name), mean, Math.sqrt(variance)));
        }
        return new FeatureEncoder(vocabulary, medians, selected);
    }

    /** The model's input columns, in order. */
    public List<Column> columns() {
        return columns;
    }

    /** Names of {@link #columns()}. */
    public List<String> featureNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** Contact reasons with their own candidate column (normalised), most frequent in training first. */
    public List<String> reasons() {
        return reasons;
    }

    /** Imputation value per numeric field: the training median of the known values, log1p scale for durations. */
    public Map<String, Double> medians() {
        return medians;
    }

    /** The standardised input vector of {@code features}, one value per column. */
    public double[] encode(InteractionFeatures features) {
        double[] raw = rawValues(features);
        double[] x = new double[columns.size()];
        for (int j = 0; j < x.length; j++) {
            Column c = columns.get(j);
            x[j] = (raw[candidateIndex[j]] - c.mean()) / c.scale();
        }
        return x;
    }

    /** {@link #encode} for each row. */
    public double[][] encodeAll(List<InteractionFeatures> rows) {
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = encode(rows.get(i));
        }
        return x;
    }

    /** How a contact reason is matched: trimmed and lower-cased; null when blank. */
    public static String normaliseReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        return reason.strip().toLowerCase(Locale.ROOT);
    }

    /** The reason level {@code reason} is encoded as: itself, {@code (other)} or {@code (unknown)}. */
    public String reasonLevel(String reason) {
        String r = normaliseReason(reason);
        if (r == null) {
            return UNKNOWN;
        }
        return reasons.contains(r) ? r : OTHER;
    }

    // --- candidate columns: candidateNames and rawValues must list the same columns in the same order ---

    private static List<String> candidateNames(List<String> reasons) {
        List<String> names = new ArrayList<>();
        for (Channel c : Channel.values()) {
            names.add("channel=" + c.name());
        }
        for (Direction d : Direction.values()) {
            names.add("direction=" + d.name());
        }
        names.add("direction=" + UNKNOWN);
        for (String r : reasons) {
            names.add("reason=" + r);
        }
        names.add("reason=" + OTHER);
        names.add("reason=" + UNKNOWN);
        for (String field : DURATIONS) {
            names.add("log1p(" + field + ")");
            names.add(field + " missing");
        }
        names.add("abandoned");
        names.add("transfers");
        names.add("resolved=yes");
        names.add("resolved=no");
        names.add("resolved=" + UNKNOWN);
        names.add("repeatContact");
        names.add(SENTIMENT);
        names.add(SENTIMENT + " missing");
        for (String part : PARTS_OF_DAY) {
            names.add("partOfDay=" + part);
        }
        names.add("partOfDay=" + UNKNOWN);
        names.add("dayType=weekday");
        names.add("dayType=weekend");
        names.add("dayType=" + UNKNOWN);
        return List.copyOf(names);
    }

    private double[] rawValues(InteractionFeatures f) {
        double[] x = new double[candidates.size()];
        int i = 0;
        x[i + f.channel().ordinal()] = 1;
        i += Channel.values().length;
        x[i + (f.direction() == null ? Direction.values().length : f.direction().ordinal())] = 1;
        i += Direction.values().length + 1;
        String reason = normaliseReason(f.contactReason());
        int r = reason == null ? reasons.size() + 1 : reasons.indexOf(reason);
        x[i + (r < 0 ? reasons.size() : r)] = 1;
        i += reasons.size() + 2;
        for (String field : DURATIONS) {
            Double v = duration(f, field);
            x[i++] = v == null ? medians.get(field) : v;
            x[i++] = v == null ? 1 : 0;
        }
        x[i++] = f.abandoned() ? 1 : 0;
        x[i++] = Math.min(f.transfers(), TRANSFERS_CAP);
        x[i + (f.resolved() == null ? 2 : f.resolved() ? 0 : 1)] = 1;
        i += 3;
        x[i++] = f.repeatContact() ? 1 : 0;
        x[i++] = f.sentiment() == null ? medians.get(SENTIMENT) : f.sentiment();
        x[i++] = f.sentiment() == null ? 1 : 0;
        x[i + (f.hourOfDay() == null ? PARTS_OF_DAY.length : f.hourOfDay() / 6)] = 1;
        i += PARTS_OF_DAY.length + 1;
        x[i + (f.dayOfWeek() == null ? 2 : weekend(f.dayOfWeek()) ? 1 : 0)] = 1;
        i += 3;
        assert i == x.length;
        return x;
    }

    private static boolean weekend(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    /** log1p of a duration, or null when not reported. */
    private static Double duration(InteractionFeatures f, String field) {
        Integer seconds = switch (field) {
            case "queueSeconds" -> f.queueSeconds();
            case "talkSeconds" -> f.talkSeconds();
            case "holdSeconds" -> f.holdSeconds();
            case "afterWorkSeconds" -> f.afterWorkSeconds();
            default -> throw new IllegalArgumentException(field);
        };
        return seconds == null ? null : Math.log1p(seconds);
    }

    /** The one-hot group of a candidate column ({@code channel}, ...), or null for a non-categorical column. */
    private static String groupOf(String name) {
        int eq = name.indexOf('=');
        return eq < 0 ? null : name.substring(0, eq);
    }

    private static boolean isIndicator(String name) {
        return groupOf(name) != null || name.endsWith(" missing") || name.equals("abandoned")
                || name.equals("repeatContact");
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return 0.0;
        }
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private void requireMedian(String field) {
        Double m = medians.get(field);
        if (m == null || !Double.isFinite(m)) {
            throw new IllegalArgumentException("missing imputation median for " + field);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureEncoder e && reasons.equals(e.reasons) && medians.equals(e.medians)
                && columns.equals(e.columns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reasons, medians, columns);
    }

    @Override
    public String toString() {
        return "FeatureEncoder" + featureNames();
    }
}
