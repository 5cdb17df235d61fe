package io.cxvalue.scoring.model.cx;

import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.RealMatrix;

/**
 * Logistic regression with an unpenalised intercept, fitted by penalised maximum likelihood with Newton's method
 * (equivalently IRLS).
 *
 * <p>Maximises {@code sum_i [y_i eta_i - log(1 + exp(eta_i))] - (lambda / 2) sum_j beta_j^2} with
 * {@code eta_i = beta_0 + x_i . beta}. The objective is concave, and strictly so for {@code lambda > 0}, so Newton's
 * method converges to the unique optimum from zero; each step solves {@code (X'WX + lambda I) delta = gradient} by
 * Cholesky decomposition and is halved while it would lower the objective (guarding against overshoot on nearly
 * separated data). The L2 penalty keeps the fit finite under separation and collinearity and shrinks effects of
 * rarely seen levels; it is meant to be small next to the number of rows (the default 1 is worth about one
 * observation's information per standardised column), so with thousands of respondents the estimates are
 * practically the maximum-likelihood ones.
 *
 * <p>Standard errors come from the inverse of the penalised observed information at the optimum: the usual
 * asymptotic ones when the penalty is small.
 */
public final class LogisticRegression {

    private LogisticRegression() {
    }

    /**
     * A fit.
     *
     * @param intercept      beta_0
     * @param coefficients   beta_1..p, for the columns of X in order
     * @param interceptSe    standard error of beta_0
     * @param standardErrors standard errors of beta_1..p
     * @param iterations     Newton steps taken
     * @param converged      whether the largest step fell below the tolerance within the iteration cap
     * @param logLikelihood  unpenalised log-likelihood at the optimum
     * @param covariance     the estimates' covariance, intercept first (the inverse penalised information): for
     *                       intervals on functions of several coefficients (delta method)
     */
    public record Fit(double intercept, double[] coefficients, double interceptSe, double[] standardErrors,
            int iterations, boolean converged, double logLikelihood, double[][] covariance) {

        public Fit {
            coefficients = coefficients.clone();
            standardErrors = standardErrors.clone();
            covariance = deepCopy(covariance);
        }

        @Override
        public double[][] covariance() {
            return deepCopy(covariance);
        }

        private static double[][] deepCopy(double[][] m) {
            double[][] copy = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                copy[i] = m[i].clone();
            }
            return copy;
        }

        @Override
        public double[] coefficients() {
            return coefficients.clone();
        }

        @Override
        public double[] standardErrors() {
            return standardErrors.clone();
        }
    }

    /**
     * Fits {@code P(y_i = 1) = sigmoid(beta_0 + x_i . beta)}.
     *
     * @param x             n rows of p covariates (no intercept column)
     * @param y             n outcomes
     * @param lambda        L2 penalty on beta_1..p, &ge; 0
     * @param maxIterations Newton step cap
     * @param tolerance     converged when the largest coefficient change of a full step is below this
     * @throws IllegalArgumentException when the system is singular (only possible with lambda = 0: collinear or
     *                                  separated data)
     */
    public static Fit fit(double[][] x, boolean[] y, double lambda, int maxIterations, double tolerance) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("need as many outcomes as rows, and at least one row");
        }
        if (!(lambda >= 0) || maxIterations < 1 || !(tolerance > 0)) {
            throw new IllegalArgumentException("lambda >= 0, maxIterations >= 1, tolerance > 0 required");
        }
        int p = x[0].length;
        int k = p + 1;
        double[] beta = new double[k];
        double objective = penalisedLogLikelihood(x, y, beta, lambda);
        boolean converged = false;
        int iterations = 0;
        while (iterations < maxIterations && !converged) {
            iterations++;
            double[] gradient = new double[k];
            RealMatrix information = information(x, y, beta, lambda, gradient);
            double[] step = solver(information).solve(new ArrayRealVector(gradient, false)).toArray();
            double largest = 0;
            for (double s : step) {
                largest = Math.max(largest, Math.abs(s));
            }
            double scale = 1.0;
            double[] candidate = new double[k];
            double candidateObjective;
            int halvings = 0;
            while (true) {
                for (int j = 0; j < k; j++) {
                    candidate[j] = beta[j] + scale * step[j];
                }
                candidateObjective = penalisedLogLikelihood(x, y, candidate, lambda);
                // Accept ties: at the optimum rounding can make a zero-length step look like a tiny loss.
                if (candidateObjective >= objective - 1e-12 * (1 + Math.abs(objective)) || halvings >= 40) {
                    break;
                }
                scale /= 2;
                halvings++;
            }
            System.arraycopy(candidate, 0, beta, 0, k);
            objective = candidateObjective;
            converged = largest < tolerance;
        }
        RealMatrix covariance = solver(information(x, y, beta, lambda, new double[k])).getInverse();
        double[] coefficients = new double[p];
        double[] se = new double[p];
        for (int j = 0; j < p; j++) {
            coefficients[j] = beta[j + 1];
            se[j] = Math.sqrt(covariance.getEntry(j + 1, j + 1));
        }
        return new Fit(beta[0], coefficients, Math.sqrt(covariance.getEntry(0, 0)), se, iterations, converged,
                logLikelihood(x, y, beta), covariance.getData());
    }

    /** The logistic function 1 / (1 + exp(-eta)), without overflow. */
    public static double sigmoid(double eta) {
        if (eta >= 0) {
            return 1.0 / (1.0 + Math.exp(-eta));
        }
        double e = Math.exp(eta);
        return e / (1.0 + e);
    }

    /** log(1 + exp(eta)), without overflow. */
    static double log1pExp(double eta) {
        return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    }

    /** beta_0 + x . beta. */
    public static double linearPredictor(double intercept, double[] coefficients, double[] x) {
        double eta = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            eta += coefficients[j] * x[j];
        }
        return eta;
    }

    /** The penalised information X'WX + lambda I' (no penalty on the intercept); fills the penalised gradient. */
    private static RealMatrix information(double[][] x, boolean[] y, double[] beta, double lambda, double[] gradient) {
        int p = beta.length - 1;
        int k = p + 1;
        double[][] h = new double[k][k];
        double[] row = new double[k];
        row[0] = 1.0;
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, row, 1, p);
            double mu = sigmoid(eta(beta, x[i]));
            double w = mu * (1 - mu);
            double r = (y[i] ? 1.0 : 0.0) - mu;
            for (int a = 0; a < k; a++) {
                double wa = w * row[a];
                gradient[a] += r * row[a];
                double[] ha = h[a];
                for (int b = a; b < k; b++) {
                    ha[b] += wa * row[b];
                }
            }
        }
        for (int a = 0; a < k; a++) {
            if (a > 0) {
                h[a][a] += lambda;
                gradient[a] -= lambda * beta[a];
            }
            for (int b = 0; b < a; b++) {
                h[a][b] = h[b][a];
            }
        }
        return new Array2DRowRealMatrix(h, false);
    }

    private static DecompositionSolver solver(RealMatrix information) {
        try {
            return new CholeskyDecomposition(information, 1e-10, 1e-12).getSolver();
        } catch (MathIllegalArgumentException e) {
            throw new IllegalArgumentException("logistic regression is not identifiable on these data (collinear "
                    + "columns or separated classes); use a positive L2 penalty", e);
        }
    }

    private static double eta(double[] beta, double[] x) {
        double eta = beta[0];
        for (int j = 0; j < x.length; j++) {
            eta += beta[j + 1] * x[j];
        }
        return eta;
    }

    private static double logLikelihood(double[][] x, boolean[] y, double[] beta) {
        double ll = 0;
        for (int i = 0; i < x.length; i++) {
            double eta = eta(beta, x[i]);
            ll += (y[i] ? eta : 0.0) - log1pExp(eta);
        }
        return ll;
    }

    private static double penalisedLogLikelihood(double[][] x, boolean[] y, double[] beta, double lambda) {
        double penalty = 0;
        for (int j = 1; j < beta.length; j++) {
            penalty += beta[j] * beta[j];
        }
        return logLikelihood(x, y, beta) - lambda / 2 * penalty;
    }
}
