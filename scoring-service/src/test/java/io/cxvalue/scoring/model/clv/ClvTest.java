package io.cxvalue.scoring.model.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

class ClvTest {

    private static final BgNbdModel BG = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
    private static final GammaGammaModel GG = new GammaGammaModel(6.25, 3.74, 15.44);
    private static final CustomerSummary CUSTOMER = new CustomerSummary(2, 30.43, 38.86, 22.35);

    @Test
    void zeroDiscountIsTheUndiscountedExpectation() {
        Clv clv = Clv.monthly(BG, GG, TimeUnit.WEEKS, 52, 0.0);
        double expected = BG.conditionalExpectedTransactions(52, CUSTOMER);
        assertEquals(expected, clv.discountedTransactions(CUSTOMER), 1e-12);
        assertEquals(expected * GG.conditionalExpectedSpend(CUSTOMER), clv.value(CUSTOMER), 1e-9);
        assertEquals(12, clv.periods());
        // a horizon that is not a whole number of periods ends with a shorter one
        Clv partial = new Clv(BG, GG, TimeUnit.WEEKS, 10, 0.0, 4);
        assertEquals(3, partial.periods());
        assertEquals(BG.conditionalExpectedTransactions(10, CUSTOMER), partial.discountedTransactions(CUSTOMER),
                1e-12);
    }

    @Test
    void higherDiscountLowersClv() {
        double previous = Double.POSITIVE_INFINITY;
        for (double d : new double[] {0, 0.05, 0.1, 0.2, 0.5}) {
            double v = Clv.monthly(BG, GG, TimeUnit.WEEKS, 104, d).value(CUSTOMER);
            assertTrue(v < previous, "d=" + d);
            previous = v;
        }
        // bounded by discounting everything at the horizon's end and at its start
        double undiscounted = Clv.monthly(BG, GG, TimeUnit.WEEKS, 104, 0).value(CUSTOMER);
        double v = Clv.monthly(BG, GG, TimeUnit.WEEKS, 104, 0.1).value(CUSTOMER);
        assertTrue(v > undiscounted / Math.pow(1.1, 104 / TimeUnit.WEEKS.unitsPerYear()));
    }

    @Test
    void clvIncreasesWithFrequency() {
        Clv clv = Clv.monthly(BG, GG, TimeUnit.WEEKS, 52, 0.1);
        double previous = 0;
        for (int x = 0; x <= 30; x++) {
            // recent customers (t_x = T) spending above the population mean (~35.2)
            CustomerSummary s = x == 0 ? CustomerSummary.of(0, 0, 30) : new CustomerSummary(x, 30, 30, 40);
            double v = clv.value(s);
            assertTrue(v > previous, "x=" + x + ": " + v + " <= " + previous);
            previous = v;
        }
    }

    /** The same customers and model expressed in days instead of weeks give the same CLV. */
    @Test
    void timeUnitDoesNotChangeTheValue() {
        BgNbdModel days = new BgNbdModel(BG.r(), BG.alpha() * 7, BG.a(), BG.b());
        CustomerSummary inDays = new CustomerSummary(2, 30.43 * 7, 38.86 * 7, 22.35);
        double weeks = Clv.monthly(BG, GG, TimeUnit.WEEKS, 52, 0.1).value(CUSTOMER);
        assertEquals(weeks, Clv.monthly(days, GG, TimeUnit.DAYS, 364, 0.1).value(inDays), 1e-9 * weeks);
        assertEquals(BG.probabilityAlive(CUSTOMER), days.probabilityAlive(inDays), 1e-12);
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> Clv.monthly(BG, GG, TimeUnit.WEEKS, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Clv.monthly(BG, GG, TimeUnit.WEEKS, 52, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Clv(BG, GG, TimeUnit.WEEKS, 52, 0.1, 0));
    }

    @Test
    void valueTiersAtPercentilesOfTheClvDistribution() {
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        ValueTiers tiers = ValueTiers.of(new double[] {0.5, 0.8, 0.95}, values);
        double[] c = tiers.thresholds();
        // KLL rank error at k = 200 is about 1.3 %: allow 2 % of the range
        assertEquals(50_000, c[0], 2_000);
        assertEquals(80_000, c[1], 2_000);
        assertEquals(95_000, c[2], 2_000);
        assertEquals(0, tiers.tierOf(1));
        assertEquals(1, tiers.tierOf(c[0]));
        assertEquals(2, tiers.tierOf((c[1] + c[2]) / 2));
        assertEquals(3, tiers.tierOf(100_000));

        KllDoublesSketch sketch = ValueTiers.newSketch();
        for (double v : new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) {
            sketch.update(v);
        }
        ValueTiers named = ValueTiers.of(new double[] {0.5, 0.9}, sketch, List.of("standard", "silver", "gold"));
        assertEquals("standard", named.tierName(1));
        assertEquals("silver", named.tierName(5)); // exact for a small sample: 50th percentile = 5
        assertEquals("gold", named.tierName(10));
        assertThrows(IllegalArgumentException.class, () -> ValueTiers.of(new double[] {0.8, 0.5}, values));
        assertThrows(IllegalArgumentException.class, () -> ValueTiers.of(new double[] {0.5}, new double[0]));
    }

    @Test
    void churnRiskFromProbabilityAlive() {
        ChurnRisk bands = ChurnRisk.defaults();
        assertEquals(0.0, ChurnRisk.risk(BG, CustomerSummary.of(0, 0, 38)), 0);
        assertEquals("LOW", bands.bandName(BG, CustomerSummary.of(0, 0, 38)));
        // frequent buyer, recently active: alive
        assertEquals("LOW", bands.bandName(BG, CustomerSummary.of(10, 38, 38.86)));
        // frequent buyer, silent for most of the period: gone
        CustomerSummary silent = CustomerSummary.of(10, 5, 38.86);
        assertTrue(ChurnRisk.risk(BG, silent) > 0.99);
        assertEquals("HIGH", bands.bandName(BG, silent));
        assertEquals(1, bands.band(0.3));
        assertEquals(2, bands.band(0.7));
        assertThrows(IllegalArgumentException.class, () -> bands.band(1.5));
    }

    @Test
    void probabilityAliveFallsWithRecencyGapAndNewCustomerExpectationGrows() {
        double previous = 1.0;
        for (double tx = 38; tx >= 1; tx -= 5) {
            double p = BG.probabilityAlive(3, tx, 38.86);
            assertTrue(p < previous && p > 0);
            previous = p;
        }
        assertEquals(0.0, BG.expectedTransactions(0), 0);
        assertTrue(BG.expectedTransactions(10) < BG.expectedTransactions(20));
        // the a = 1 singularity is handled by continuity
        double below = new BgNbdModel(0.243, 4.414, 0.999, 2.426).expectedTransactions(39);
        double at = new BgNbdModel(0.243, 4.414, 1.0, 2.426).expectedTransactions(39);
        double above = new BgNbdModel(0.243, 4.414, 1.001, 2.426).expectedTransactions(39);
        assertTrue(Math.abs(at - (below + above) / 2) < 1e-4, below + " " + at + " " + above);
    }
}
