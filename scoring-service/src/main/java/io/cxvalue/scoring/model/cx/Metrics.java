package io.cxvalue.scoring.model.cx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Quality measures of predicted probabilities against binary outcomes, for the holdout evaluation. */
public final class Metrics {

    /** Probabilities are clipped to [EPS, 1 - EPS] in the log loss, so one confident miss cannot make it infinite. */
    static final double LOG_LOSS_EPS = 1e-15;

    private Metrics() {
    }

    /**
     * Area under the ROC curve: the probability that a randomly drawn positive gets a higher score than a randomly
     * drawn negative, ties counting one half. Computed from ranks (the Mann-Whitney U statistic,
     * {@code U = R_pos - n_pos (n_pos + 1) / 2}, {@code AUC = U / (n_pos n_neg)}) with tied scores given their mean
     * rank, which is exactly the half-credit rule; O(n log n).
     *
     * @throws IllegalArgumentException when either class is absent (AUC undefined)
     */
    public static double auc(double[] scores, boolean[] positive) {
        int n = checkSameLength(scores, positive);
        long nPos = 0;
        for (boolean b : positive) {
            nPos += b ? 1 : 0;
        }
        long nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) {
            throw new IllegalArgumentException("AUC needs both classes; positives " + nPos + ", negatives " + nNeg);
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1.0; // ranks are 1-based
            for (int t = i; t <= j; t++) {
                if (positive[order[t]]) {
                    rankSumPos += midRank;
                }
            }
            i = j + 1;
        }
        double u = rankSumPos - nPos * (nPos + 1) / 2.0;
        return u / ((double) nPos * nNeg);
    }

    /**
     * Standard error of an AUC estimate (Hanley and McNeil 1982, "The meaning and use of the area under a receiver
     * operating characteristic (ROC) curve", Radiology 143(1), eq. 2): a rough guide to how much the holdout AUC
     * would move with another holdout of the same size.
     */
    public static double aucStandardError(double auc, long positives, long negatives) {
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double v = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc))
                / ((double) positives * negatives);
        return Math.sqrt(Math.max(0.0, v));
    }

    /** Mean squared difference between predicted probability and outcome (0 best; 0.25 for a constant 0.5). */
    public static double brier(double[] p, boolean[] y) {
        int n = checkSameLength(p, y);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = p[i] - (y[i] ? 1 : 0);
            s += d * d;
        }
        return s / n;
    }

    /** Mean negative log-likelihood (natural log) of the outcomes, probabilities clipped to [1e-15, 1 - 1e-15]. */
    public static double logLoss(double[] p, boolean[] y) {
        int n = checkSameLength(p, y);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double q = Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, p[i]));
            s -= y[i] ? Math.log(q) : Math.log1p(-q);
        }
        return s / n;
    }

    /**
     * Calibration by group of predicted probability: rows sorted by prediction and cut into {@code groups} groups of
     * as equal size as possible (row counts differ by at most one; rows with equal predictions may fall on either
     * side of a cut, which keeps the groups equal-sized). For a calibrated model each group's observed rate is
     * within a few {@link CalibrationBin#standardError()}s of its mean prediction.
     */
    public static List<CalibrationBin> calibration(double[] p, boolean[] y, int groups) {
        int n = checkSameLength(p, y);
        if (groups < 1 || n < groups) {
            throw new IllegalArgumentException("need at least " + groups + " rows for " + groups + " groups, have " + n);
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        List<CalibrationBin> bins = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            int from = (int) ((long) g * n / groups);
            int to = (int) ((long) (g + 1) * n / groups);
            double sumP = 0;
            long positives = 0;
            for (int t = from; t < to; t++) {
                sumP += p[order[t]];
                positives += y[order[t]] ? 1 : 0;
            }
            int count = to - from;
            bins.add(new CalibrationBin(g + 1, count, p[order[from]], p[order[to - 1]], sumP / count,
                    (double) positives / count));
        }
        return List.copyOf(bins);
    }

    private static int checkSameLength(double[] p, boolean[] y) {
        if (p.length != y.length || p.length == 0) {
            throw new IllegalArgumentException("need equally many (and some) predictions and outcomes");
        }
        return p.length;
    }
}
