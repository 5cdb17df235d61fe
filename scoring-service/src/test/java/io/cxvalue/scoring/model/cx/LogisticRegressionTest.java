package io.cxvalue.scoring.model.cx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /** One binary covariate: the unpenalised MLE reproduces the two groups' log-odds exactly. */
    @Test
    void binaryCovariateHasClosedFormSolution() {
        int n0 = 100;
        int n1 = 200;
        double[][] x = new double[n0 + n1][1];
        boolean[] y = new boolean[n0 + n1];
        for (int i = 0; i < n0; i++) {
            y[i] = i < 30; // 30 % in group 0
        }
        for (int i = 0; i < n1; i++) {
            x[n0 + i][0] = 1;
            y[n0 + i] = i < 150; // 75 % in group 1
        }
        LogisticRegression.Fit fit = LogisticRegression.fit(x, y, 0.0, 50, 1e-10);
        assertTrue(fit.converged());
        assertEquals(logit(0.3), fit.intercept(), 1e-9);
        assertEquals(logit(0.75) - logit(0.3), fit.coefficients()[0], 1e-9);
        // Standard errors: 1 / (n p (1 - p)) per group
        double v0 = 1 / (n0 * 0.3 * 0.7);
        double v1 = 1 / (n1 * 0.75 * 0.25);
        assertEquals(Math.sqrt(v0), fit.interceptSe(), 1e-9);
        assertEquals(Math.sqrt(v0 + v1), fit.standardErrors()[0], 1e-9);
    }

    /**
     * A published fit: the 23 space-shuttle launches before Challenger, O-ring thermal distress against launch
     * temperature (Dalal, Fowlkes and Hoadley, JASA 1989; the data and this fit are reproduced in many texts, e.g.
     * R's glm: intercept 15.0429 (SE 7.3786), temperature -0.2322 (SE 0.1082)). The covariance's diagonal is the
     * squared standard errors.
     */
    @Test
    void challengerORingFitMatchesThePublishedEstimates() {
        int[] temperature = {66, 70, 69, 68, 67, 72, 73, 70, 57, 63, 70, 78, 67, 53, 67, 75, 70, 81, 76, 79, 75, 76,
                58};
        int[] distress = {0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1};
        double[][] x = new double[temperature.length][1];
        boolean[] y = new boolean[temperature.length];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = temperature[i];
            y[i] = distress[i] == 1;
        }
        LogisticRegression.Fit fit = LogisticRegression.fit(x, y, 0.0, 100, 1e-10);
        assertTrue(fit.converged());
        assertEquals(15.0429, fit.intercept(), 5e-5);
        assertEquals(-0.2322, fit.coefficients()[0], 5e-5);
        assertEquals(7.3786, fit.interceptSe(), 5e-5);
        assertEquals(0.1082, fit.standardErrors()[0], 5e-5);
        double[][] covariance = fit.covariance();
        assertEquals(fit.interceptSe() * fit.interceptSe(), covariance[0][0], 1e-9);
        assertEquals(fit.standardErrors()[0] * fit.standardErrors()[0], covariance[1][1], 1e-12);
        assertEquals(covariance[0][1], covariance[1][0], 1e-12);
        assertTrue(covariance[0][1] < 0, "intercept and slope estimates are negatively correlated");
    }

    /** With a penalty, the penalised score equations hold at the fit: X'(y - p) = lambda beta, sum(y - p) = 0. */
    @Test
    void penalisedFitSolvesTheScoreEquations() {
        Random rng = new Random(3);
        int n = 500;
        int p = 4;
        double[][] x = new double[n][p];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            double eta = 0.5;
            for (int j = 0; j < p; j++) {
                x[i][j] = rng.nextGaussian();
                eta += (j - 1.5) * x[i][j];
            }
            y[i] = rng.nextDouble() < LogisticRegression.sigmoid(eta);
        }
        double lambda = 5.0;
        LogisticRegression.Fit fit = LogisticRegression.fit(x, y, lambda, 50, 1e-10);
        assertTrue(fit.converged());
        double[] beta = fit.coefficients();
        double[] score = new double[p + 1];
        for (int i = 0; i < n; i++) {
            double r = (y[i] ? 1 : 0)
                    - LogisticRegression.sigmoid(LogisticRegression.linearPredictor(fit.intercept(), beta, x[i]));
            score[0] += r;
            for (int j = 0; j < p; j++) {
                score[j + 1] += r * x[i][j];
            }
        }
        assertEquals(0.0, score[0], 1e-8);
        for (int j = 0; j < p; j++) {
            assertEquals(lambda * beta[j], score[j + 1], 1e-8);
        }
    }

    @Test
    void separatedDataNeedAPenalty() {
        double[][] x = {{-2}, {-1}, {1}, {2}};
        boolean[] y = {false, false, true, true};
        LogisticRegression.Fit unpenalised;
        try {
            unpenalised = LogisticRegression.fit(x, y, 0.0, 50, 1e-8);
            assertTrue(!unpenalised.converged(), "the MLE does not exist under separation");
        } catch (IllegalArgumentException expected) {
            // or the information matrix becomes numerically singular on the way to infinity
        }
        LogisticRegression.Fit penalised = LogisticRegression.fit(x, y, 1.0, 50, 1e-8);
        assertTrue(penalised.converged());
        assertTrue(penalised.coefficients()[0] > 0 && Double.isFinite(penalised.coefficients()[0]));
    }

    @Test
    void sigmoidIsStableAtExtremes() {
        assertEquals(1.0, LogisticRegression.sigmoid(800), 0);
        assertEquals(0.0, LogisticRegression.sigmoid(-800), 0);
        assertEquals(0.5, LogisticRegression.sigmoid(0), 0);
        assertEquals(800.0, LogisticRegression.log1pExp(800), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(new double[0][], new boolean[0],
                1, 10, 1e-8));
    }
}
