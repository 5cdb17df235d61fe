package io.cxvalue.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class SampleRatioMismatchTest {

    /**
     * Mendel's (1866) dihybrid cross, the textbook goodness-of-fit example: 315 round yellow, 108 round green,
     * 101 wrinkled yellow, 32 wrinkled green peas against the 9:3:3:1 ratio; X&sup2; = 0.470, 3 df, p = 0.925
     * as quoted in many textbooks (by hand: expected 312.75, 104.25, 104.25, 34.75 give
     * 2.25&sup2;/312.75 + 3.75&sup2;/104.25 + 3.25&sup2;/104.25 + 2.75&sup2;/34.75 = 0.470024).
     */
    @Test
    void mendelsPeas() {
        long[] observed = {315, 108, 101, 32};
        double[] ratio = {9, 3, 3, 1};
        SampleRatioMismatch.Result r = SampleRatioMismatch.test(observed, ratio);
        assertEquals(0.470024, r.chiSquare(), 1e-6);
        assertEquals(3, r.degreesOfFreedom());
        assertEquals(0.925, r.pValue(), 5e-4);
        assertEquals(556, r.total());
        assertFalse(r.mismatch());
        // independent implementation
        ChiSquareTest reference = new ChiSquareTest();
        assertEquals(reference.chiSquare(new double[] {9, 3, 3, 1}, observed), r.chiSquare(), 1e-12);
        assertEquals(reference.chiSquareTest(new double[] {9, 3, 3, 1}, observed), r.pValue(), 1e-10);
    }

    /**
     * 49/51 on 100,000 units planned 50/50: expected 50,000 each, X&sup2; = 2·1,000&sup2;/50,000 = 40, 1 df,
     * p = erfc(&radic;20) = 2.54e-10.
     */
    @Test
    void flagsA49To51Split() {
        SampleRatioMismatch.Result r = SampleRatioMismatch.test(new long[] {49_000, 51_000}, new double[] {0.5, 0.5});
        assertEquals(40.0, r.chiSquare(), 1e-9);
        assertEquals(2.5396e-10, r.pValue(), 1e-13);
        assertTrue(r.mismatch());
        // the same split is unremarkable on 1,000 units: X^2 = 0.4
        assertFalse(SampleRatioMismatch.test(new long[] {490, 510}, new double[] {50, 50}).mismatch());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> SampleRatioMismatch.test(new long[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> SampleRatioMismatch.test(new long[] {1, 2}, new double[] {0.5, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> SampleRatioMismatch.test(new long[] {0, 0}, new double[] {0.5, 0.5}));
        assertThrows(IllegalArgumentException.class,
                () -> SampleRatioMismatch.test(new long[] {1, 2, 3}, new double[] {0.5, 0.5}));
    }

    /**
     * Under correct weights a mismatch must be rare: 1,000 simulated experiments each of a 50/50 split and a
     * 50/25/25 split of 10,000 units, every unit assigned at random. The expected flag rate is 0.1 %; at most 0.5 %
     * is allowed.
     */
    @Test
    void rarelyFlagsCorrectSplits() {
        RandomDataGenerator rng = new RandomDataGenerator(20240607L);
        double[][] designs = {{0.5, 0.5}, {0.5, 0.25, 0.25}};
        for (double[] weights : designs) {
            int sims = 1_000;
            int flagged = 0;
            for (int s = 0; s < sims; s++) {
                long[] counts = new long[weights.length];
                for (int i = 0; i < 10_000; i++) {
                    double u = rng.nextDouble();
                    int v = 0;
                    double cumulative = weights[0];
                    while (u >= cumulative && v < weights.length - 1) {
                        v++;
                        cumulative += weights[v];
                    }
                    counts[v]++;
                }
                if (SampleRatioMismatch.test(counts, weights).mismatch()) {
                    flagged++;
                }
            }
            double rate = (double) flagged / sims;
            System.out.printf("SRM flagged under correct %d-way weights: %.1f%% of %d experiments%n", weights.length,
                    100 * rate, sims);
            assertTrue(rate <= 0.005, "flag rate " + rate);
        }
    }
}
