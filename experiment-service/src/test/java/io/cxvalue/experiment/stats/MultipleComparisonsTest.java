package io.cxvalue.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

class MultipleComparisonsTest {

    /**
     * The 15 p-values of the worked example of Benjamini and Hochberg (1995, "Controlling the false discovery rate",
     * J. R. Statist. Soc. B 57(1)). The paper: at q = 0.05 the FDR procedure rejects the 4 smallest, while
     * Bonferroni-type procedures (Holm) reject only the 3 with p &le; 0.0019.
     */
    static final double[] BH_1995 = {0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240,
        0.4262, 0.5719, 0.6528, 0.7590, 1.0000};

    /**
     * BH adjusted values by the definition, min over j &ge; i of 15 p_(j)/j: 0.0015, 0.003, 0.0095, 0.035625,
     * 0.0603 (= 3·0.0201), then 15·0.0298/7 = 0.0638571 for ranks 6 and 7 (rank 6's own 2.5·0.0278 = 0.0695 is
     * larger), 15·0.0344/8 = 0.0645, 15·0.0459/9 = 0.0765, 0.486, 0.5811818, 0.714875, 0.7532308, 0.8132143, 1.
     * (The definition R's p.adjust(p, "BH") implements.)
     */
    @Test
    void benjaminiHochbergOnThePapersExample() {
        double[] expected = {0.0015, 0.003, 0.0095, 0.035625, 0.0603, 15 * 0.0298 / 7, 15 * 0.0298 / 7, 0.0645,
            0.0765, 0.486, 15 * 0.4262 / 11, 0.714875, 15 * 0.6528 / 13, 15 * 0.7590 / 14, 1.0};
        double[] adjusted = MultipleComparisons.benjaminiHochberg(BH_1995);
        assertArrayEquals(expected, adjusted, 1e-12);
        assertEquals(4, Arrays.stream(adjusted).filter(p -> p <= 0.05).count());
    }

    /**
     * Holm by the definition, running max of (15 − i + 1) p_(i): 0.0015, 0.0056, 0.0247, 0.114, 0.2211, 0.278,
     * 0.278 (9·0.0298 = 0.2682 &lt; 0.278), 0.278 (8·0.0344 = 0.2752), 0.3213, then 1 (6·0.324 &gt; 1).
     */
    @Test
    void holmOnThePapersExample() {
        double[] expected = {0.0015, 0.0056, 0.0247, 0.114, 0.2211, 0.278, 0.278, 0.278, 0.3213, 1, 1, 1, 1, 1, 1};
        double[] adjusted = MultipleComparisons.holm(BH_1995);
        assertArrayEquals(expected, adjusted, 1e-12);
        assertEquals(3, Arrays.stream(adjusted).filter(p -> p <= 0.05).count());
    }

    @Test
    void resultsComeBackInInputOrder() {
        RandomDataGenerator rng = new RandomDataGenerator(9L);
        int[] permutation = rng.nextPermutation(BH_1995.length, BH_1995.length);
        double[] shuffled = new double[BH_1995.length];
        for (int i = 0; i < shuffled.length; i++) {
            shuffled[i] = BH_1995[permutation[i]];
        }
        double[] bh = MultipleComparisons.benjaminiHochberg(BH_1995);
        double[] holm = MultipleComparisons.holm(BH_1995);
        double[] bhShuffled = MultipleComparisons.benjaminiHochberg(shuffled);
        double[] holmShuffled = MultipleComparisons.holm(shuffled);
        for (int i = 0; i < shuffled.length; i++) {
            assertEquals(bh[permutation[i]], bhShuffled[i], 0.0);
            assertEquals(holm[permutation[i]], holmShuffled[i], 0.0);
        }
    }

    @Test
    void monotoneCappedAndTieSafe() {
        RandomDataGenerator rng = new RandomDataGenerator(10L);
        for (int rep = 0; rep < 200; rep++) {
            int m = 1 + rng.nextInt(30);
            double[] p = new double[m];
            for (int i = 0; i < m; i++) {
                // some exact ties
                p[i] = rng.nextDouble() < 0.2 && i > 0 ? p[i - 1] : Math.pow(rng.nextDouble(), 3);
            }
            for (double[] adjusted : new double[][] {MultipleComparisons.holm(p),
                MultipleComparisons.benjaminiHochberg(p)}) {
                for (int i = 0; i < m; i++) {
                    assertTrue(adjusted[i] >= p[i] && adjusted[i] <= 1.0);
                    for (int j = 0; j < m; j++) {
                        if (p[i] <= p[j]) {
                            assertTrue(adjusted[i] <= adjusted[j], "monotone");
                        }
                    }
                }
            }
            // BH never adjusts more than Holm
            double[] holm = MultipleComparisons.holm(p);
            double[] bh = MultipleComparisons.benjaminiHochberg(p);
            for (int i = 0; i < m; i++) {
                assertTrue(bh[i] <= holm[i] + 1e-15);
            }
        }
        assertArrayEquals(new double[] {0.03}, MultipleComparisons.holm(new double[] {0.03}));
        assertArrayEquals(new double[0], MultipleComparisons.benjaminiHochberg(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> MultipleComparisons.holm(new double[] {0.1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> MultipleComparisons.benjaminiHochberg(new double[] {1.2}));
    }
}
