package io.cxvalue.scoring.model.value;

import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.stat.regression.OLSMultipleLinearRegression;

/**
 * Ordinary least squares with an intercept (Hipparchus {@link OLSMultipleLinearRegression}) and
 * heteroscedasticity-robust standard errors: HC1, {@code (X'X)^-1 (sum e_i^2 x_i x_i') (X'X)^-1 n / (n - k)}, which
 * stay right when the noise grows with the level (spend does).
 */
public final class RobustLeastSquares {

    private RobustLeastSquares() {
    }

    /**
     * @param coefficients   intercept first, then one per column of x
     * @param standardErrors HC1, in the same order
     * @param rSquared       the share of variance explained
     */
    public record Fit(double[] coefficients, double[] standardErrors, double rSquared) {

        public Fit {
            coefficients = coefficients.clone();
            standardErrors = standardErrors.clone();
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
     * @throws IllegalArgumentException when there are no more rows than coefficients, or the columns are collinear
     *                                  (a constant column among them)
     */
    public static Fit fit(double[][] x, double[] y) {
        int n = x.length;
        int k = x[0].length + 1;
        if (n <= k) {
            throw new IllegalArgumentException("least squares needs more rows (" + n + ") than coefficients (" + k
                    + ")");
        }
        try {
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression(1e-10);
            ols.newSampleData(y, x);
            double[] beta = ols.estimateRegressionParameters();
            double[] residuals = ols.estimateResiduals();
            RealMatrix bread = new Array2DRowRealMatrix(ols.estimateRegressionParametersVariance(), false);
            return new Fit(beta, hc1(bread, x, residuals), ols.calculateRSquared());
        } catch (MathIllegalArgumentException e) {
            throw new IllegalArgumentException("least squares has no unique fit: collinear columns", e);
        }
    }

    private static double[] hc1(RealMatrix bread, double[][] x, double[] residuals) {
        int k = bread.getRowDimension();
        int n = x.length;
        double[][] meat = new double[k][k];
        double[] row = new double[k];
        row[0] = 1;
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, row, 1, k - 1);
            double e2 = residuals[i] * residuals[i];
            for (int a = 0; a < k; a++) {
                double ea = e2 * row[a];
                for (int b = a; b < k; b++) {
                    meat[a][b] += ea * row[b];
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                meat[a][b] = meat[b][a];
            }
        }
        RealMatrix sandwich = bread.multiply(new Array2DRowRealMatrix(meat, false)).multiply(bread);
        double[] se = new double[k];
        double correction = (double) n / (n - k);
        for (int a = 0; a < k; a++) {
            se[a] = Math.sqrt(Math.max(0, sandwich.getEntry(a, a) * correction));
        }
        return se;
    }
}
