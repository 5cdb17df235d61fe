package io.cxvalue.scoring.model.clv;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Value tiers from the CLV distribution at configurable percentiles.
 *
 * <p>The distribution is held in an Apache DataSketches KLL quantiles sketch, so it is built in one pass in bounded
 * memory over millions of customers and sketches from several partitions can be merged
 * ({@link KllDoublesSketch#merge}). With the default k = {@value #DEFAULT_K} the normalised rank error is about
 * 1.33 % (single-sided, 99 % confidence; DataSketches' figure), i.e. a cut at the 80th percentile lies between
 * roughly the 78.7th and 81.3th; up to k values are kept exactly.
 *
 * <p>Percentiles p_1 &lt; ... &lt; p_n in (0, 1) give thresholds c_i = quantile(p_i) and n + 1 tiers: tier 0 for
 * CLV &lt; c_1, tier i for c_i &le; CLV &lt; c_{i+1}, tier n for CLV &ge; c_n. Higher tier = more valuable.
 */
public final class ValueTiers {

    public static final int DEFAULT_K = 200;

    private final double[] percentiles;
    private final double[] thresholds;
    private final List<String> names;

    private ValueTiers(double[] percentiles, double[] thresholds, List<String> names) {
        this.percentiles = percentiles;
        this.thresholds = thresholds;
        this.names = names;
    }

    /** An empty sketch to feed CLVs into ({@code sketch.update(clv)}). */
    public static KllDoublesSketch newSketch() {
        return KllDoublesSketch.newHeapInstance(DEFAULT_K);
    }

    /** Tiers named "0".."n" from the values. */
    public static ValueTiers of(double[] percentiles, double[] values) {
        KllDoublesSketch sketch = newSketch();
        for (double v : values) {
            sketch.update(v);
        }
        return of(percentiles, sketch, null);
    }

    /**
     * Tiers from a sketch of the CLV distribution.
     *
     * @param percentiles strictly increasing, each in (0, 1)
     * @param names       n + 1 tier names from lowest to highest value, or null for "0".."n"
     */
    public static ValueTiers of(double[] percentiles, KllDoublesSketch sketch, List<String> names) {
        Objects.requireNonNull(sketch, "sketch");
        double[] p = percentiles.clone();
        if (p.length == 0) {
            throw new IllegalArgumentException("at least one percentile is needed");
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] > 0 && p[i] < 1) || (i > 0 && !(p[i] > p[i - 1]))) {
                throw new IllegalArgumentException("percentiles must be strictly increasing in (0, 1): "
                        + Arrays.toString(p));
            }
        }
        if (sketch.isEmpty()) {
            throw new IllegalArgumentException("no values in the sketch");
        }
        List<String> n;
        if (names == null) {
            String[] generated = new String[p.length + 1];
            for (int i = 0; i < generated.length; i++) {
                generated[i] = Integer.toString(i);
            }
            n = List.of(generated);
        } else {
            if (names.size() != p.length + 1) {
                throw new IllegalArgumentException("need " + (p.length + 1) + " tier names, got " + names.size());
            }
            n = List.copyOf(names);
        }
        double[] thresholds = sketch.getQuantiles(p, QuantileSearchCriteria.INCLUSIVE);
        return new ValueTiers(p, thresholds, n);
    }

    /**
     * Tiers at the exact quantiles of {@code values}, with the sketch's INCLUSIVE definition (the p-quantile is the
     * smallest value with at least a share p of the values at or below it, i.e. sorted[ceil(p n) - 1]). Unlike the
     * sketch, whose compaction is randomised once it holds more than k values, the same values always give the same
     * thresholds: rescoring unchanged data leaves every customer in its tier. Costs a sort of the values.
     *
     * @param names n + 1 tier names from lowest to highest value, or null for "0".."n"
     */
    public static ValueTiers exact(double[] percentiles, double[] values, List<String> names) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        KllDoublesSketch check = newSketch();
        check.update(values[0]);
        // validates the percentiles and names
        ValueTiers checked = of(percentiles, check, names);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] thresholds = new double[checked.percentiles.length];
        for (int i = 0; i < thresholds.length; i++) {
            int index = (int) Math.ceil(checked.percentiles[i] * sorted.length - 1e-9) - 1;
            thresholds[i] = sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
        return new ValueTiers(checked.percentiles, thresholds, checked.names);
    }

    /** The tier index, 0 (lowest value) .. n. */
    public int tierOf(double clv) {
        int tier = 0;
        while (tier < thresholds.length && clv >= thresholds[tier]) {
            tier++;
        }
        return tier;
    }

    public String tierName(double clv) {
        return names.get(tierOf(clv));
    }

    public double[] thresholds() {
        return thresholds.clone();
    }

    public double[] percentiles() {
        return percentiles.clone();
    }

    public List<String> names() {
        return names;
    }
}
