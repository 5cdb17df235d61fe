package io.cxvalue.scoring;

import io.cxvalue.scoring.model.clv.ClvModel;
import java.time.Instant;

/**
 * A CLV model as stored: the fit, when it was made and whether scores use it.
 *
 * @param model    the fitted model (from the store: its fit diagnostics hold the log-likelihood, convergence and
 *                 customer count; iterations, timings and standard errors are not kept)
 * @param fittedAt when it was fitted
 * @param active   whether it is the model scores are computed with
 * @param coverage what data the fit saw (null for a model fitted before coverage was recorded)
 */
public record StoredClvModel(ClvModel model, Instant fittedAt, boolean active, DataCoverage coverage) {
}
