package io.cxvalue.scoring.model.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RobustLeastSquaresTest {

    /**
     * One binary column: the slope is the difference in group means, and its HC1 standard error has a closed form,
     * sqrt((v1 / n1 + v0 / n0) n / (n - 2)) with each group's variance divided by its size.
     */
    @Test
    void binaryColumnHasClosedFormEstimateAndRobustError() {
        double[] group0 = {3, 5, 4, 8, 10, 6};
        double[] group1 = {20, 11, 35, 14};
        int n = group0.length + group1.length;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < group0.length; i++) {
            y[i] = group0[i];
        }
        for (int i = 0; i < group1.length; i++) {
            x[group0.length + i][0] = 1;
            y[group0.length + i] = group1[i];
        }
        RobustLeastSquares.Fit fit = RobustLeastSquares.fit(x, y);
        double m0 = mean(group0);
        double m1 = mean(group1);
        assertEquals(m0, fit.coefficients()[0], 1e-9);
        assertEquals(m1 - m0, fit.coefficients()[1], 1e-9);
        double v0 = variance(group0, m0);
        double v1 = variance(group1, m1);
        double hc1 = Math.sqrt((v1 / group1.length + v0 / group0.length) * n / (n - 2));
        assertEquals(hc1, fit.standardErrors()[1], 1e-9);
        assertEquals(Math.sqrt(v0 / group0.length * n / (n - 2)), fit.standardErrors()[0], 1e-9);
    }

    /** Noise growing with x: robust 95 % intervals cover the slope about 95 % of the time (classical ones do not). */
    @Test
    void robustIntervalsCoverUnderHeteroscedasticity() {
        SplittableRandom random = new SplittableRandom(11);
        int runs = 1000;
        int covered = 0;
        for (int run = 0; run < runs; run++) {
            int n = 300;
            double[][] x = new double[n][2];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i][0] = random.nextDouble() * 10;
                x[i][1] = random.nextDouble() < 0.3 ? 1 : 0;
                double sd = 0.5 + x[i][0] * x[i][0] * 0.3;
                y[i] = 2 + 1.5 * x[i][0] - 4 * x[i][1] + random.nextGaussian() * sd;
            }
            RobustLeastSquares.Fit fit = RobustLeastSquares.fit(x, y);
            double b = fit.coefficients()[1];
            double se = fit.standardErrors()[1];
            if (Math.abs(b - 1.5) <= 1.96 * se) {
                covered++;
            }
        }
        double coverage = (double) covered / runs;
        assertTrue(coverage > 0.93 && coverage < 0.97, "coverage " + coverage);
    }

    @Test
    void collinearColumnsAreRefused() {
        double[][] x = {{1, 2}, {2, 4}, {3, 6}, {4, 8}, {5, 10}};
        assertThrows(IllegalArgumentException.class, () -> RobustLeastSquares.fit(x, new double[] {1, 2, 3, 5, 4}));
        assertThrows(IllegalArgumentException.class,
                () -> RobustLeastSquares.fit(new double[][] {{1}, {2}}, new double[] {1, 2}));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double variance(double[] v, double mean) {
        double s = 0;
        for (double d : v) {
            s += (d - mean) * (d - mean);
        }
        return s / v.length;
    }
}
