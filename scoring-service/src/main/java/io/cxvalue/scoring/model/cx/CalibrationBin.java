package io.cxvalue.scoring.model.cx;

/**
 * One group (decile) of holdout rows by predicted probability.
 *
 * @param group         1 (lowest predictions) .. number of groups
 * @param count         rows in the group
 * @param minPredicted  lowest prediction in the group
 * @param maxPredicted  highest prediction in the group
 * @param meanPredicted mean predicted probability of satisfaction
 * @param observedRate  share of the group's respondents who were satisfied
 */
public record CalibrationBin(int group, int count, double minPredicted, double maxPredicted, double meanPredicted,
        double observedRate) {

    /**
     * Binomial standard error of the observed rate if the predictions were right:
     * {@code sqrt(meanPredicted (1 - meanPredicted) / count)} (slightly conservative, as the rows' probabilities
     * differ within the group).
     */
    public double standardError() {
        return Math.sqrt(meanPredicted * (1 - meanPredicted) / count);
    }

    /** Observed minus predicted, in standard errors. */
    public double zScore() {
        double se = standardError();
        return se > 0 ? (observedRate - meanPredicted) / se : 0.0;
    }
}
