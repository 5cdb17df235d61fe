package io.cxvalue.scoring.model.clv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Exact tier thresholds: the INCLUSIVE quantile definition, deterministic on repeated data. */
class ValueTiersExactTest {

    @Test
    void thresholdsAreTheInclusiveQuantiles() {
        double[] values = new double[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 - i; // 1..100, unsorted
        }
        ValueTiers tiers = ValueTiers.exact(new double[] {0.5, 0.8, 0.95}, values, List.of("L", "M", "H", "T"));
        assertArrayEquals(new double[] {50, 80, 95}, tiers.thresholds(), 0);
        assertEquals("L", tiers.tierName(49.9));
        assertEquals("M", tiers.tierName(50));
        assertEquals("H", tiers.tierName(80));
        assertEquals("T", tiers.tierName(100));
    }

    @Test
    void sameValuesSameThresholds() {
        Random random = new Random(7);
        double[] values = new double[5000];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextExponential() * 100;
        }
        double[] first = ValueTiers.exact(new double[] {0.5, 0.9}, values, null).thresholds();
        for (int run = 0; run < 5; run++) {
            assertArrayEquals(first, ValueTiers.exact(new double[] {0.5, 0.9}, values, null).thresholds(), 0);
        }
        // Close to what the sketch gives (within its rank error).
        double[] sketched = ValueTiers.of(new double[] {0.5, 0.9}, values).thresholds();
        assertEquals(first[0], sketched[0], first[0] * 0.1);
        assertEquals(first[1], sketched[1], first[1] * 0.1);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ValueTiers.exact(new double[] {0.5}, new double[0], null));
        assertThrows(IllegalArgumentException.class,
                () -> ValueTiers.exact(new double[] {0.8, 0.5}, new double[] {1, 2}, null));
        assertThrows(IllegalArgumentException.class,
                () -> ValueTiers.exact(new double[] {0.5}, new double[] {1, 2}, List.of("only")));
    }
}
