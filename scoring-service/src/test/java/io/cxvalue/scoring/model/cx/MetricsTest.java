package io.cxvalue.scoring.model.cx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MetricsTest {

    private static boolean[] labels(int... y) {
        boolean[] b = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            b[i] = y[i] == 1;
        }
        return b;
    }

    @Test
    void aucOnHandComputedCases() {
        // positives {0.35, 0.8} vs negatives {0.1, 0.4}: 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 -> 3 of 4 pairs
        assertEquals(0.75, Metrics.auc(new double[] {0.1, 0.4, 0.35, 0.8}, labels(0, 0, 1, 1)), 1e-12);
        assertEquals(1.0, Metrics.auc(new double[] {0.1, 0.2, 0.3, 0.4}, labels(0, 0, 1, 1)), 1e-12);
        assertEquals(0.0, Metrics.auc(new double[] {0.1, 0.2, 0.3, 0.4}, labels(1, 1, 0, 0)), 1e-12);
    }

    @Test
    void aucCountsTiesAsHalf() {
        // all tied: every pair half -> 0.5
        assertEquals(0.5, Metrics.auc(new double[] {0.5, 0.5, 0.5, 0.5}, labels(1, 0, 1, 0)), 1e-12);
        // positives {0.5, 0.9} vs negatives {0.2, 0.5}: 1 + 0.5 (tie) + 1 + 1 = 3.5 of 4
        assertEquals(0.875, Metrics.auc(new double[] {0.2, 0.5, 0.5, 0.9}, labels(0, 1, 0, 1)), 1e-12);
        // positives {0.3, 0.3, 0.7} vs negatives {0.3, 0.1}: 0.5+1, 0.5+1, 1+1 = 5 of 6
        assertEquals(5.0 / 6, Metrics.auc(new double[] {0.3, 0.3, 0.7, 0.3, 0.1}, labels(1, 1, 1, 0, 0)), 1e-12);
    }

    @Test
    void aucMatchesPairwiseCountOnRandomData() {
        Random rng = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int n = 50 + rng.nextInt(400);
            double[] s = new double[n];
            boolean[] y = new boolean[n];
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextDouble() < 0.3 + 0.4 * (trial % 2);
                // coarse scores (20 values) so there are many ties, shifted a little for the positives
                s[i] = Math.floor((rng.nextDouble() + (y[i] ? 0.2 : 0)) * 20) / 20;
            }
            y[0] = true;
            y[1] = false;
            double pairs = 0;
            double wins = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (y[i] && !y[j]) {
                        pairs++;
                        wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            assertEquals(wins / pairs, Metrics.auc(s, y), 1e-12, "trial " + trial);
        }
    }

    @Test
    void aucNeedsBothClasses() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.auc(new double[] {0.1, 0.2}, labels(1, 1)));
    }

    @Test
    void brierAndLogLoss() {
        double[] p = {0.8, 0.4, 1.0};
        boolean[] y = labels(1, 0, 0);
        assertEquals((0.04 + 0.16 + 1.0) / 3, Metrics.brier(p, y), 1e-12);
        // the confident miss is clipped at 1e-15 instead of being infinite
        double clipped = -Math.log1p(-(1 - Metrics.LOG_LOSS_EPS)); // about -log(1e-15) = 34.5
        assertEquals(34.4, clipped, 0.2);
        assertEquals((-Math.log(0.8) - Math.log(0.6) + clipped) / 3, Metrics.logLoss(p, y), 1e-12);
    }

    @Test
    void calibrationGroupsByPredictedProbability() {
        double[] p = new double[25];
        boolean[] y = new boolean[25];
        for (int i = 0; i < 25; i++) {
            p[24 - i] = i / 25.0; // reversed, so sorting matters
            y[24 - i] = i % 5 == 0;
        }
        List<CalibrationBin> bins = Metrics.calibration(p, y, 10);
        assertEquals(10, bins.size());
        assertEquals(25, bins.stream().mapToInt(CalibrationBin::count).sum());
        CalibrationBin first = bins.get(0); // rows 0, 1 (sizes 2 or 3 as 25 / 10)
        assertEquals(2, first.count());
        assertEquals(0.0, first.minPredicted(), 1e-12);
        assertEquals(0.02, first.meanPredicted(), 1e-12);
        assertEquals(0.5, first.observedRate(), 1e-12);
        for (int g = 1; g < bins.size(); g++) {
            assertEquals(true, bins.get(g).minPredicted() >= bins.get(g - 1).maxPredicted());
        }
    }
}
