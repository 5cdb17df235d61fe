package io.cxvalue.scoring.model.cx;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an analyst sees about a trained CX model: which respondents it learned from, how well it predicts on
 * respondents it did not see (holdout), what drives its predictions, and the caveat that applies to every inferred
 * score.
 *
 * @param modelVersion      the model's version id
 * @param trainedAt         when it was trained
 * @param outcome           the label definition, e.g. "satisfied = CSAT &gt;= 4 on the 1..5 scale"
 * @param respondents       respondents used, by part
 * @param auc               holdout area under the ROC curve (0.5 = no better than chance, 1 = perfect ranking)
 * @param aucStandardError  its approximate standard error (Hanley-McNeil)
 * @param brier             holdout Brier score (mean squared error of the probabilities)
 * @param brierBaseline     holdout Brier score of predicting the training satisfied rate for everyone; the model
 *                          should be below it
 * @param logLoss           holdout log loss (mean negative log-likelihood, natural log)
 * @param logLossBaseline   holdout log loss of the training satisfied rate for everyone
 * @param calibration       holdout rows by decile of predicted probability: mean predicted vs observed rate
 * @param effects           one entry per model input column, in model order
 * @param training          how it was fitted
 * @param caveat            {@link #NON_RESPONSE_CAVEAT}
 */
public record CxModelReport(String modelVersion, Instant trainedAt, String outcome, Respondents respondents,
        double auc, double aucStandardError, double brier, double brierBaseline, double logLoss,
        double logLossBaseline, List<CalibrationBin> calibration, List<FeatureEffect> effects, Training training,
        String caveat) {

    /** Shown with every inferred CX score and model report. */
    public static final String NON_RESPONSE_CAVEAT = "Inferred CX scores are estimates, not answers. The model "
            + "learned from customers who chose to answer a survey, so it describes satisfaction among people who "
            + "answer surveys. Applying it to customers who did not answer assumes that interaction features relate to "
            + "satisfaction in the same way for them, which cannot be checked from these data (non-respondents may be, "
            + "for example, more indifferent or more annoyed). The holdout figures measure accuracy on respondents "
            + "only; treat inferred scores, and averages over groups of non-respondents, as having wider uncertainty "
            + "than the figures suggest.";

    public CxModelReport {
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(trainedAt, "trainedAt");
        calibration = List.copyOf(calibration);
        effects = List.copyOf(effects);
    }

    /**
     * Respondents (interactions with a CSAT answer) used.
     *
     * @param total                    all respondents given to the trainer
     * @param train                    in the training part
     * @param holdout                  in the holdout part
     * @param trainCustomers           distinct customers in the training part
     * @param holdoutCustomers         distinct customers in the holdout part (none of them in training)
     * @param trainSatisfiedRate       share satisfied in the training part
     * @param holdoutSatisfiedRate     share satisfied in the holdout part
     */
    public record Respondents(int total, int train, int holdout, int trainCustomers, int holdoutCustomers,
            double trainSatisfiedRate, double holdoutSatisfiedRate) {
    }

    /**
     * How the model was fitted.
     *
     * @param l2Penalty       L2 penalty on the standardised coefficients
     * @param iterations      Newton iterations
     * @param converged       whether the fit converged (always true for a returned model)
     * @param holdoutFraction target share of customers held out
     * @param seed            seed of the customer split
     * @param topReasons      contact reasons allowed their own column
     * @param minCount        rows needed on each side of an indicator column
     * @param logLikelihood   training log-likelihood at the fit
     */
    public record Training(double l2Penalty, int iterations, boolean converged, double holdoutFraction, long seed,
            int topReasons, int minCount, double logLikelihood) {
    }
}
