package io.cxvalue.experiment.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Adjusted p-values for several hypotheses tested in one experiment (several metrics, or several treatments against
 * one control). Each method returns the adjusted p-values in the input order; a hypothesis is rejected at level q
 * when its adjusted p-value is &le; q. The adjusted values are monotone in the raw ones and capped at 1.
 *
 * <ul>
 *   <li>{@link #holm}: Holm (1979) step-down, controls the family-wise error rate (the chance of any false
 *   positive) under any dependence. With p_(1) &le; ... &le; p_(m): p̃_(i) = max_{j&le;i} min(1, (m − j + 1) p_(j)).
 *   <li>{@link #benjaminiHochberg}: Benjamini and Hochberg (1995) step-up, controls the false discovery rate (the
 *   expected share of false positives among the rejections) for independent or positively dependent tests:
 *   p̃_(i) = min_{j&ge;i} min(1, m p_(j) / j).
 * </ul>
 * Ties get equal adjusted values under both methods, whatever order the sort leaves them in.
 */
public final class MultipleComparisons {

    private MultipleComparisons() {
    }

    /** Holm's step-down adjusted p-values, in the input order. */
    public static double[] holm(double[] pValues) {
        Integer[] order = ascending(pValues);
        int m = pValues.length;
        double[] adjusted = new double[m];
        double running = 0;
        for (int i = 0; i < m; i++) {
            double value = Math.min(1.0, (m - i) * pValues[order[i]]);
            running = Math.max(running, value);
            adjusted[order[i]] = running;
        }
        return adjusted;
    }

    /** Benjamini–Hochberg step-up adjusted p-values (q-values), in the input order. */
    public static double[] benjaminiHochberg(double[] pValues) {
        Integer[] order = ascending(pValues);
        int m = pValues.length;
        double[] adjusted = new double[m];
        double running = 1.0;
        for (int i = m - 1; i >= 0; i--) {
            double value = Math.min(1.0, (double) m / (i + 1) * pValues[order[i]]);
            running = Math.min(running, value);
            adjusted[order[i]] = running;
        }
        return adjusted;
    }

    /** Indices of the p-values in ascending order of value (stable). */
    private static Integer[] ascending(double[] pValues) {
        for (double p : pValues) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p-values must be in [0, 1]: " + Arrays.toString(pValues));
            }
        }
        Integer[] order = new Integer[pValues.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        return order;
    }
}
