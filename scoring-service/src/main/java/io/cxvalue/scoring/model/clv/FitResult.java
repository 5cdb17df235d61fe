package io.cxvalue.scoring.model.clv;

import java.util.List;

/**
 * How a maximum-likelihood fit went.
 *
 * @param logLikelihood  the maximised log-likelihood (summed over customers)
 * @param iterations     Nelder-Mead iterations over all rounds (on the warm-start subsample for large data)
 * @param evaluations    log-likelihood evaluations over all rounds, Newton steps and finite differences included,
 *                       warm-start evaluations on the (cheaper) subsample included
 * @param converged      true when Newton's method ended with a step below 1e-8 in every log-parameter at a negative
 *                       definite Hessian (a strict local maximum), after Nelder-Mead (if it ran on the full data) met
 *                       its own criterion; see {@link MaximumLikelihood}
 * @param customerCount  customers the model was fitted on
 * @param distinctRows   distinct rows after compression (the cost of one log-likelihood evaluation)
 * @param elapsedMillis  wall time of the fit, compression excluded
 * @param standardErrors asymptotic standard errors of the parameters, in the model's parameter order, from the
 *                       observed information (inverse negative Hessian of the log-likelihood in the log-parameters,
 *                       by finite differences) and the delta method: se(theta) = theta * se(ln theta); empty when the
 *                       Hessian was not negative definite
 */
public record FitResult(double logLikelihood, int iterations, int evaluations, boolean converged, long customerCount,
        int distinctRows, long elapsedMillis, List<Double> standardErrors) {

    public FitResult {
        standardErrors = List.copyOf(standardErrors);
    }
}
