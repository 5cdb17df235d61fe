package io.cxvalue.scoring.model.clv;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over strictly positive parameters with Hipparchus' Nelder-Mead simplex optimiser on
 * the logarithms of the parameters (so they stay positive and are on comparable scales). Nelder-Mead needs no
 * gradient and is robust on these smooth, low-dimensional likelihoods; because a simplex can collapse before the
 * optimum, the optimiser is restarted from the best point with a fresh simplex until a round improves the
 * log-likelihood by less than {@link #RESTART_TOLERANCE} (at most {@link #MAX_ROUNDS} rounds).
 *
 * <p>Nelder-Mead stops on the log-likelihood's value, which is flat near the optimum, so the parameters can still be
 * off in the 4th digit along ridges (BG/NBD's r and alpha are strongly correlated). The fit therefore ends with Newton
 * steps on the log-parameters, with gradient and Hessian from central finite differences (step
 * {@value #DIFFERENCE_STEP}) and step halving, until a step is below {@value #NEWTON_TOLERANCE} in every
 * log-parameter (relative precision ~1e-8). A fit is reported converged when Nelder-Mead converged, the Hessian is
 * negative definite (a strict local maximum) and the Newton steps reached that tolerance.
 *
 * <p>Large data sets: Nelder-Mead needs a few hundred evaluations, each costing O(distinct rows). When the fitter
 * passes a coarse log-likelihood (a random subsample of the customers), Nelder-Mead runs on that and Newton's method
 * on the full log-likelihood starts from its optimum, which is within a few standard errors of the full-data optimum,
 * where Newton converges in a few steps. The convergence criterion is then Newton's alone (step below tolerance at a
 * negative definite Hessian); if it is not met, the fit falls back to Nelder-Mead on the full data.
 */
final class MaximumLikelihood {

    /** A round that improves the log-likelihood by less than this ends the fit. */
    static final double RESTART_TOLERANCE = 1e-9;
    static final int MAX_ROUNDS = 8;
    static final int MAX_EVALUATIONS_PER_ROUND = 20_000;
    private static final double SIMPLEX_STEP = 0.5;
    static final double DIFFERENCE_STEP = 1e-4;
    static final double NEWTON_TOLERANCE = 1e-8;
    static final int MAX_NEWTON_STEPS = 20;

    private MaximumLikelihood() {
    }

    /** The maximising parameters and the fit summary. */
    record Result(double[] parameters, FitResult fit) {
    }

    static Result maximise(ToDoubleFunction<double[]> logLikelihood, double[] start, long customers, int rows) {
        return maximise(logLikelihood, null, start, customers, rows);
    }

    /**
     * @param coarse a cheaper log-likelihood with nearly the same maximum (a random subsample of the customers), or
     *               null. When given, Nelder-Mead runs on it and Newton's method on the full log-likelihood starts
     *               from its optimum; only if Newton does not converge there does Nelder-Mead run on the full data.
     */
    static Result maximise(ToDoubleFunction<double[]> logLikelihood, ToDoubleFunction<double[]> coarse,
            double[] start, long customers, int rows) {
        long t0 = System.nanoTime();
        int n = start.length;
        double[] theta0 = new double[n];
        for (int i = 0; i < n; i++) {
            theta0[i] = Math.log(start[i]);
        }
        int iterations = 0;
        int evaluations = 0;
        Newton polished = null;
        if (coarse != null) {
            Simplex warm = nelderMead(coarse, theta0);
            iterations += warm.iterations;
            evaluations += warm.evaluations;
            polished = newton(logLikelihood, warm.theta, evaluate(logLikelihood, warm.theta));
            evaluations += polished.evaluations + 1;
            if (!polished.converged) {
                theta0 = polished.theta;
                polished = null;
            }
        }
        boolean simplexConverged = true;
        if (polished == null) {
            Simplex full = nelderMead(logLikelihood, theta0);
            iterations += full.iterations;
            evaluations += full.evaluations;
            simplexConverged = full.converged;
            polished = newton(logLikelihood, full.theta, full.value);
            evaluations += polished.evaluations;
        }
        double[] parameters = new double[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = Math.exp(polished.theta[i]);
        }
        List<Double> standardErrors = new ArrayList<>();
        if (polished.covariance != null) {
            for (int i = 0; i < n; i++) {
                standardErrors.add(parameters[i] * Math.sqrt(polished.covariance.getEntry(i, i)));
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new Result(parameters, new FitResult(polished.value, iterations, evaluations,
                simplexConverged && polished.converged, customers, rows, millis, standardErrors));
    }

    private record Simplex(double[] theta, double value, int iterations, int evaluations, boolean converged) {
    }

    private record Newton(double[] theta, double value, int evaluations, boolean converged, RealMatrix covariance) {
    }

    /** Nelder-Mead rounds from theta0, restarted from the best point until a round stops improving. */
    private static Simplex nelderMead(ToDoubleFunction<double[]> logLikelihood, double[] theta0) {
        int n = theta0.length;
        double[] bestValue = {evaluate(logLikelihood, theta0)};
        double[][] bestPoint = {theta0.clone()};
        ObjectiveFunction objective = new ObjectiveFunction(theta -> {
            double v = evaluate(logLikelihood, theta);
            if (v > bestValue[0]) {
                bestValue[0] = v;
                bestPoint[0] = theta.clone();
            }
            return v;
        });
        int iterations = 0;
        int evaluations = 1;
        boolean converged = false;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            double before = bestValue[0];
            SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-13, 1e-11));
            boolean roundConverged;
            try {
                optimizer.optimize(new MaxEval(MAX_EVALUATIONS_PER_ROUND), objective, GoalType.MAXIMIZE,
                        new InitialGuess(bestPoint[0].clone()), new NelderMeadSimplex(n, SIMPLEX_STEP));
                roundConverged = true;
            } catch (MathIllegalStateException tooManyEvaluations) {
                roundConverged = false;
            }
            iterations += optimizer.getIterations();
            evaluations += optimizer.getEvaluations();
            if (roundConverged && bestValue[0] - before < RESTART_TOLERANCE) {
                converged = true;
                break;
            }
        }
        return new Simplex(bestPoint[0], bestValue[0], iterations, evaluations, converged);
    }

    /**
     * Newton steps with step halving from theta; converged when a step is below {@link #NEWTON_TOLERANCE} in every
     * log-parameter at a negative definite Hessian.
     */
    private static Newton newton(ToDoubleFunction<double[]> logLikelihood, double[] start, double startValue) {
        int n = start.length;
        double[] theta = start.clone();
        double value = startValue;
        int evaluations = 0;
        RealMatrix covariance = null;
        for (int step = 0; step < MAX_NEWTON_STEPS; step++) {
            double[][] gh = gradientAndHessian(logLikelihood, theta, value);
            evaluations += 2 * n * n;
            double[] direction;
            try {
                RealMatrix negHessian = MatrixUtils.createRealMatrix(hessian(gh, n)).scalarMultiply(-1);
                DecompositionSolver solver = new CholeskyDecomposition(negHessian, 1e-12, 1e-14).getSolver();
                direction = solver.solve(MatrixUtils.createRealVector(gh[0])).toArray();
                covariance = solver.getInverse();
            } catch (MathIllegalArgumentException notNegativeDefinite) {
                return new Newton(theta, value, evaluations, false, null);
            }
            double size = 0;
            for (double d : direction) {
                size = Math.max(size, Math.abs(d));
            }
            if (size < NEWTON_TOLERANCE) {
                return new Newton(theta, value, evaluations, true, covariance);
            }
            boolean accepted = false;
            for (double lambda = 1; lambda > 1e-4 && !accepted; lambda /= 2) {
                double[] candidate = new double[n];
                for (int i = 0; i < n; i++) {
                    candidate[i] = theta[i] + lambda * direction[i];
                }
                double v = evaluate(logLikelihood, candidate);
                evaluations++;
                // allow for rounding noise in the summed log-likelihood
                if (v >= value - 1e-12 * Math.abs(value)) {
                    theta = candidate;
                    value = Math.max(v, value);
                    accepted = true;
                }
            }
            if (!accepted) {
                return new Newton(theta, value, evaluations, false, covariance);
            }
        }
        return new Newton(theta, value, evaluations, false, covariance);
    }

    /** {gradient, flattened Hessian} of the log-likelihood in theta by central differences. */
    private static double[][] gradientAndHessian(ToDoubleFunction<double[]> f, double[] theta, double f0) {
        int n = theta.length;
        double h = DIFFERENCE_STEP;
        double[] g = new double[n];
        double[] hess = new double[n * n];
        double[] plus = new double[n];
        double[] minus = new double[n];
        for (int i = 0; i < n; i++) {
            plus[i] = evaluate(f, shifted(theta, i, h, -1, 0));
            minus[i] = evaluate(f, shifted(theta, i, -h, -1, 0));
            g[i] = (plus[i] - minus[i]) / (2 * h);
            hess[i * n + i] = (plus[i] - 2 * f0 + minus[i]) / (h * h);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double pp = evaluate(f, shifted(theta, i, h, j, h));
                double pm = evaluate(f, shifted(theta, i, h, j, -h));
                double mp = evaluate(f, shifted(theta, i, -h, j, h));
                double mm = evaluate(f, shifted(theta, i, -h, j, -h));
                double v = (pp - pm - mp + mm) / (4 * h * h);
                hess[i * n + j] = v;
                hess[j * n + i] = v;
            }
        }
        return new double[][] {g, hess};
    }

    private static double[][] hessian(double[][] gh, int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = gh[1][i * n + j];
            }
        }
        return m;
    }

    private static double[] shifted(double[] theta, int i, double di, int j, double dj) {
        double[] t = theta.clone();
        t[i] += di;
        if (j >= 0) {
            t[j] += dj;
        }
        return t;
    }

    private static double evaluate(ToDoubleFunction<double[]> logLikelihood, double[] theta) {
        double[] parameters = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            parameters[i] = Math.exp(theta[i]);
            if (!(parameters[i] > 0) || Double.isInfinite(parameters[i])) {
                return -Double.MAX_VALUE;
            }
        }
        double v = logLikelihood.applyAsDouble(parameters);
        return Double.isNaN(v) || v == Double.POSITIVE_INFINITY ? -Double.MAX_VALUE : v;
    }
}
