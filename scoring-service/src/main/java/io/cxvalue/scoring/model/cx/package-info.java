/**
 * The inferred CX (satisfaction) model as plain Java (no framework): a penalised logistic regression trained on the
 * interactions that have a survey answer, predicting the probability that the customer would report being satisfied
 * (CSAT at or above a threshold, {@link io.cxvalue.scoring.model.cx.SatisfactionLabel}) for the interactions and
 * customers without one.
 *
 * <p>Entry points: {@link io.cxvalue.scoring.model.cx.InteractionFeatures} is what is known about one interaction;
 * {@link io.cxvalue.scoring.model.cx.CxModelTrainer} fits the model on
 * {@link io.cxvalue.scoring.model.cx.LabelledInteraction}s (encoder fitted on the training part only, holdout
 * evaluation) and returns a versioned, immutable {@link io.cxvalue.scoring.model.cx.CxModel} whose
 * {@link io.cxvalue.scoring.model.cx.CxModelReport} is what an analyst sees (AUC, calibration by decile, Brier, log
 * loss, respondents used, effects by feature, the non-response caveat); {@link io.cxvalue.scoring.model.cx.CxScore}
 * resolves a customer's score: the latest real answer where one exists, else the inferred probability, with the source.
 */
package io.cxvalue.scoring.model.cx;
