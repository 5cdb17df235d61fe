package io.cxvalue.reporting.traffic;

import io.cxvalue.reporting.kpi.KpiCell;
import io.cxvalue.reporting.kpi.Measure;
import io.cxvalue.reporting.stats.Proportions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The experience of the contacts in a spike against the same hours on normal days: service level, abandonment, AHT,
 * first-contact resolution, CSAT and felt valued, each with its base, the difference and, for the shares, its 95 %
 * interval (normal approximation to the difference of two proportions); overall and per reason, channel and queue,
 * so a manager sees whether the spike hurt customers and which ones. Plain Java.
 */
public final class SpikeExperience {

    /** The figures compared, in the order shown. */
    public static final List<Measure> MEASURES = List.of(Measure.SERVICE_LEVEL, Measure.ABANDONMENT_RATE,
            Measure.AHT, Measure.FCR_RATE, Measure.CSAT, Measure.FELT_VALUED);

    /**
     * One figure during the spike and on normal days.
     *
     * @param difference during minus normal; null when either has no base
     * @param low        the 95 % interval of the difference (shares only), null otherwise
     * @param worse      whether the interval lies wholly on the side that is worse for customers
     */
    public record Comparison(String measure, String unit, Double during, Double duringBase, Double normal,
            Double normalBase, Double difference, Double low, Double high, boolean worse) {
    }

    /** The comparison for the contacts of one reason, channel or queue. */
    public record Group(String dimension, String value, List<Comparison> figures) {
    }

    public record Experience(List<Comparison> overall, List<Group> groups, String summary) {
    }

    private SpikeExperience() {
    }

    /**
     * Compares {@code during} with {@code normal} overall and for every group key present during the spike (keys as
     * {@link TrafficHour.Dimension#key}); both maps hold settled cells under the same keys, the total under "*".
     */
    public static Experience compare(Map<String, KpiCell> during, Map<String, KpiCell> normal) {
        String total = TrafficHour.Dimension.TOTAL.key(null);
        List<Comparison> overall = figures(during.getOrDefault(total, new KpiCell()),
                normal.getOrDefault(total, new KpiCell()));
        List<Group> groups = new ArrayList<>();
        during.forEach((key, cell) -> {
            if (!key.equals(total)) {
                TrafficHour.Dimension d = TrafficHour.Dimension.of(key);
                groups.add(new Group(d.apiName(), TrafficHour.Dimension.value(key),
                        figures(cell, normal.getOrDefault(key, new KpiCell()))));
            }
        });
        return new Experience(overall, groups, summary(overall, groups));
    }

    static List<Comparison> figures(KpiCell during, KpiCell normal) {
        List<Comparison> out = new ArrayList<>(MEASURES.size());
        for (Measure m : MEASURES) {
            Measure.Figure a = m.of(during);
            Measure.Figure b = m.of(normal);
            Double difference = a.value() == null || b.value() == null ? null : a.value() - b.value();
            Double low = null;
            Double high = null;
            if (difference != null && m.unit().equals("share")) {
                double se = Math.sqrt(a.value() * (1 - a.value()) / a.base() + b.value() * (1 - b.value()) / b.base());
                low = difference - Proportions.Z95 * se;
                high = difference + Proportions.Z95 * se;
            }
            boolean higherIsWorse = m == Measure.ABANDONMENT_RATE || m == Measure.AHT;
            boolean worse = low != null && (higherIsWorse ? low > 0 : high < 0);
            out.add(new Comparison(m.key(), m.unit(), a.value(), a.base(), b.value(), b.base(), difference, low,
                    high, worse));
        }
        return out;
    }

    private static String summary(List<Comparison> overall, List<Group> groups) {
        List<String> worse = new ArrayList<>();
        for (Comparison c : overall) {
            if (c.worse()) {
                worse.add(String.format(Locale.ROOT, "%s %s from %.0f %% to %.0f %% (95 %% CI %+.0f to %+.0f points)",
                        c.measure().replace('_', ' '), c.difference() > 0 ? "rose" : "fell", 100 * c.normal(),
                        100 * c.during(), 100 * c.low(), 100 * c.high()));
            }
        }
        if (worse.isEmpty()) {
            return "No share measure was clearly worse during the spike than in the same hours on normal days";
        }
        // The group hurt most: the largest clear fall in service level (or rise in abandonment).
        Group hurt = groups.stream()
                .filter(g -> g.figures().stream().anyMatch(Comparison::worse))
                .max(Comparator.comparingDouble(SpikeExperience::harm)).orElse(null);
        String who = hurt == null ? "" : String.format(Locale.ROOT, "; hurt most: %s '%s'", hurt.dimension(),
                hurt.value() == null ? "(none)" : hurt.value());
        return "During the spike " + String.join(", ", worse) + who;
    }

    /** How much worse a group fared, in points of service level lost plus abandonment gained (clear ones only). */
    private static double harm(Group g) {
        double harm = 0;
        for (Comparison c : g.figures()) {
            if (c.worse() && c.difference() != null && c.unit().equals("share")) {
                harm += Math.abs(c.difference());
            }
        }
        return harm;
    }
}
