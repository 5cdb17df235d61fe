package io.cxvalue.reporting.change;

import org.hipparchus.distribution.continuous.TDistribution;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both estimators on worked examples, and their intervals' coverage on simulations with a known effect. */
class ImpactEstimateTest {

    @Test
    void differenceInDifferencesIsTheTwoSampleTOnTheTeamsChanges() {
        // Affected changes 5, 7 (variance 2); controls 1, 2, 3 (variance 1): estimate 6 - 2 = 4; pooled variance
        // (2 * 1 + 1 * 2) / 3 = 4/3; se = sqrt(4/3 * (1/2 + 1/3)); 3 degrees of freedom.
        ImpactEstimate.Effect e = ImpactEstimate.differenceInDifferences(List.of(5.0, 7.0), List.of(1.0, 2.0, 3.0));
        double se = Math.sqrt(4.0 / 3 * (1.0 / 2 + 1.0 / 3));
        double df = 3;
        double t = new TDistribution(df).inverseCumulativeProbability(0.975);
        assertEquals(4.0, e.estimate(), 1e-12);
        assertEquals(df, e.degreesOfFreedom(), 1e-12);
        assertEquals(4.0 - t * se, e.low(), 1e-9);
        assertEquals(4.0 + t * se, e.high(), 1e-9);
        // One affected team: the controls' spread as its own, n - 1 degrees of freedom.
        ImpactEstimate.Effect one = ImpactEstimate.differenceInDifferences(List.of(5.0), List.of(1.0, 2.0, 3.0));
        double t2 = new TDistribution(2).inverseCumulativeProbability(0.975);
        assertEquals(3.0, one.estimate(), 1e-12);
        assertEquals(3.0 + t2 * Math.sqrt(1.0 * (1 + 1.0 / 3)), one.high(), 1e-9);
        assertNull(ImpactEstimate.differenceInDifferences(List.of(5.0), List.of(1.0)));
    }

    @Test
    void theTimeSeriesStepIsRecoveredExactlyWithoutNoise() {
        double[] y = new double[40];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.7 + 0.002 * i + (i >= 20 ? 0.05 + 0.001 * (i - 20) : 0);
        }
        y[3] = Double.NaN;
        ImpactEstimate.Effect e = ImpactEstimate.interruptedTimeSeries(y, 20);
        assertEquals(0.05, e.estimate(), 1e-9);
        assertEquals(39 - 4, e.degreesOfFreedom(), 1e-12);
        assertNull(ImpactEstimate.interruptedTimeSeries(new double[] {1, 2, 3, 4}, 2));
    }

    @Test
    void intervalsCoverTheTruthAboutNineteenTimesInTwenty() {
        Random random = new Random(7);
        int trials = 2_000;
        int didCovered = 0;
        int itsCovered = 0;
        for (int k = 0; k < trials; k++) {
            // 3 affected and 12 other teams; every team shares a common shift of 0.04 and its own noise; the change
            // adds 0.10 to the affected.
            List<Double> affected = new ArrayList<>();
            List<Double> others = new ArrayList<>();
            for (int team = 0; team < 15; team++) {
                double change = 0.04 + 0.03 * random.nextGaussian() + (team < 3 ? 0.10 : 0);
                (team < 3 ? affected : others).add(change);
            }
            ImpactEstimate.Effect did = ImpactEstimate.differenceInDifferences(affected, others);
            didCovered += did.low() <= 0.10 && 0.10 <= did.high() ? 1 : 0;
            double[] y = new double[56];
            for (int i = 0; i < y.length; i++) {
                y[i] = 0.6 + 0.001 * i + (i >= 28 ? 0.08 : 0) + 0.02 * random.nextGaussian();
            }
            ImpactEstimate.Effect its = ImpactEstimate.interruptedTimeSeries(y, 28);
            itsCovered += its.low() <= 0.08 && 0.08 <= its.high() ? 1 : 0;
        }
        double didRate = (double) didCovered / trials;
        double itsRate = (double) itsCovered / trials;
        assertTrue(didRate > 0.93 && didRate < 0.97, "difference in differences covered " + didRate);
        assertTrue(itsRate > 0.93 && itsRate < 0.97, "time series covered " + itsRate);
    }
}
