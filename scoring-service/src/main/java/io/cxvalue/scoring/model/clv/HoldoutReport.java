package io.cxvalue.scoring.model.clv;

import java.util.List;

/**
 * Predicted (BG/NBD conditional expectation) versus actual repeat transactions in a holdout period following the
 * calibration period, in total and by calibration frequency group, as in Fader, Hardie and Lee (2005), figure 4.
 *
 * @param holdoutLength length of the holdout period in the model's time unit
 * @param customers     customers compared
 * @param predicted     sum over customers of E[Y(holdoutLength) | x, t_x, T]
 * @param actual        sum of the actual holdout transactions
 * @param groups        by number of calibration repeat transactions x = 0, 1, ..., with the last group open ("7+")
 */
public record HoldoutReport(double holdoutLength, long customers, double predicted, long actual, List<Group> groups) {

    public HoldoutReport {
        groups = List.copyOf(groups);
    }

    /**
     * One frequency group.
     *
     * @param label     "0", "1", ..., or "7+" for the open group
     * @param minX      smallest x in the group
     * @param open      whether the group holds all x &ge; minX
     * @param customers customers in the group
     * @param predicted summed conditional expectation
     * @param actual    summed actual holdout transactions
     */
    public record Group(String label, int minX, boolean open, long customers, double predicted, long actual) {

        public double predictedMean() {
            return customers == 0 ? Double.NaN : predicted / customers;
        }

        public double actualMean() {
            return customers == 0 ? Double.NaN : (double) actual / customers;
        }
    }
}
