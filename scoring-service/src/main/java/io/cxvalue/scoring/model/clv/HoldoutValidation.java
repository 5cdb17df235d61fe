package io.cxvalue.scoring.model.clv;

import java.util.ArrayList;
import java.util.List;

/** Compares a BG/NBD model's holdout predictions with what customers actually did. */
public final class HoldoutValidation {

    /** Frequency groups 0..6 and "7+", as in Fader, Hardie and Lee (2005). */
    public static final int DEFAULT_OPEN_GROUP = 7;

    private HoldoutValidation() {
    }

    /**
     * @param model         fitted on the calibration period
     * @param calibration   calibration summaries
     * @param actual        actual repeat transactions of the same customers in the holdout period, same order
     * @param holdoutLength length of the holdout period in the model's time unit (the same for every customer: all
     *                      calibration periods end on the same date)
     * @param openGroupFrom the x from which customers are pooled in one group (7 gives 0, 1, ..., 6, 7+)
     */
    public static HoldoutReport evaluate(BgNbdModel model, List<CustomerSummary> calibration, int[] actual,
            double holdoutLength, int openGroupFrom) {
        if (calibration.size() != actual.length) {
            throw new IllegalArgumentException("calibration and actual must have the same length");
        }
        if (!(holdoutLength > 0) || openGroupFrom < 1) {
            throw new IllegalArgumentException("need holdoutLength > 0 and openGroupFrom >= 1");
        }
        long[] customers = new long[openGroupFrom + 1];
        double[] predicted = new double[openGroupFrom + 1];
        long[] observed = new long[openGroupFrom + 1];
        double totalPredicted = 0;
        long totalActual = 0;
        for (int i = 0; i < actual.length; i++) {
            CustomerSummary s = calibration.get(i);
            if (actual[i] < 0) {
                throw new IllegalArgumentException("negative holdout count at " + i);
            }
            double e = model.conditionalExpectedTransactions(holdoutLength, s);
            int g = Math.min(s.x(), openGroupFrom);
            customers[g]++;
            predicted[g] += e;
            observed[g] += actual[i];
            totalPredicted += e;
            totalActual += actual[i];
        }
        List<HoldoutReport.Group> groups = new ArrayList<>();
        for (int g = 0; g <= openGroupFrom; g++) {
            boolean open = g == openGroupFrom;
            groups.add(new HoldoutReport.Group(open ? g + "+" : Integer.toString(g), g, open, customers[g],
                    predicted[g], observed[g]));
        }
        return new HoldoutReport(holdoutLength, actual.length, totalPredicted, totalActual, groups);
    }

    public static HoldoutReport evaluate(BgNbdModel model, List<CustomerSummary> calibration, int[] actual,
            double holdoutLength) {
        return evaluate(model, calibration, actual, holdoutLength, DEFAULT_OPEN_GROUP);
    }
}
