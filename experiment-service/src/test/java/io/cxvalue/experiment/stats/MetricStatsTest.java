package io.cxvalue.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

class MetricStatsTest {

    @Test
    void smallDataByHand() {
        // y: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32; x = 1..8: mean 4.5, squared deviations 42;
        // cross deviations (-3.5)(-3) + (-2.5)(-1) + (-1.5)(-1) + (-0.5)(-1) + 0 + 0 + 2.5*2 + 3.5*4 = 34
        MetricStats s = MetricStats.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, new double[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertEquals(8, s.count());
        assertEquals(5.0, s.mean(), 1e-15);
        assertEquals(4.5, s.meanX(), 1e-15);
        assertEquals(40.0, s.sum(), 1e-13);
        assertEquals(36.0, s.sumX(), 1e-13);
        assertEquals(32.0 / 7, s.variance(), 1e-14);
        assertEquals(42.0 / 7, s.varianceX(), 1e-14);
        assertEquals(34.0 / 7, s.covariance(), 1e-14);
        assertEquals(32.0 / 7 / 8, s.varianceOfMean(), 1e-15);
    }

    @Test
    void tooFewUnitsGiveNaNNotZero() {
        assertTrue(Double.isNaN(MetricStats.empty().variance()));
        MetricStats one = MetricStats.empty().add(3.0, 1.0);
        assertEquals(3.0, one.mean());
        assertTrue(Double.isNaN(one.variance()));
        assertTrue(Double.isNaN(one.covariance()));
        assertTrue(Double.isNaN(Estimate.of(one).variance()));
    }

    @Test
    void addWithoutCovariateRecordsZero() {
        MetricStats s = MetricStats.empty().add(1.0).add(3.0);
        assertEquals(0.0, s.meanX());
        assertEquals(0.0, s.covariance());
        assertEquals(2.0, s.variance(), 1e-15);
    }

    @Test
    void rejectsNonFiniteValues() {
        assertThrows(IllegalArgumentException.class, () -> MetricStats.empty().add(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> MetricStats.empty().add(1.0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new MetricStats(-1, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new MetricStats(2, 0, 0, -1, 0, 0));
    }

    @Test
    void mergingChunksEqualsAddingOneByOne() {
        RandomDataGenerator rng = new RandomDataGenerator(11L);
        int n = 10_000;
        double[] y = new double[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double[] c = Customers.revenue(rng, 0.0);
            y[i] = c[0];
            x[i] = c[1];
        }
        MetricStats all = MetricStats.of(y, x);
        // uneven chunks, one of them empty, merged in a different order than the data
        int[] cuts = {0, 1, 1, 17, 2_500, 2_501, 7_000, n};
        MetricStats merged = MetricStats.empty();
        for (int c = cuts.length - 2; c >= 0; c--) {
            MetricStats chunk = MetricStats.empty();
            for (int i = cuts[c]; i < cuts[c + 1]; i++) {
                chunk = chunk.add(y[i], x[i]);
            }
            merged = chunk.merge(merged);
        }
        assertEquals(all.count(), merged.count());
        assertEquals(all.mean(), merged.mean(), 1e-12 * all.mean());
        assertEquals(all.meanX(), merged.meanX(), 1e-12 * all.meanX());
        assertEquals(all.variance(), merged.variance(), 1e-11 * all.variance());
        assertEquals(all.varianceX(), merged.varianceX(), 1e-11 * all.varianceX());
        assertEquals(all.covariance(), merged.covariance(), 1e-11 * all.covariance());
        assertEquals(all, all.merge(MetricStats.empty()));
        assertEquals(all, MetricStats.empty().merge(all));
    }

    /**
     * 10^6 values around 1e6 with variance 1 (e.g. handle times in milliseconds of ~17 minutes): the variance must be
     * right to 1e-6 relative, one by one and through a tree of merges. The reference is the two-pass variance of the
     * exact deviations y − 1e6 (exact by Sterbenz' lemma, since y is within a factor 2 of 1e6). The textbook
     * formula from plain sums, (&Sigma;y&sup2; − (&Sigma;y)&sup2;/n)/(n − 1), is shown to miss that bar, which is why
     * MetricStats does not use it.
     */
    @Test
    void varianceIsAccurateAtLargeOffset() {
        for (double offset : new double[] {1e6, 1e9}) {
            RandomDataGenerator rng = new RandomDataGenerator(20240601L);
            int n = 1_000_000;
            double[] y = new double[n];
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double e = rng.nextGaussian();
                y[i] = offset + e;
                x[i] = offset + 0.5 * e + rng.nextGaussian(); // Cov(y, x) = 0.5, Var(x) = 1.25
            }
            double[] ref = twoPass(y, x, offset);

            MetricStats sequential = MetricStats.of(y, x);
            MetricStats tree = MetricStats.empty();
            for (int start = 0; start < n; start += 1_000) {
                MetricStats chunk = MetricStats.empty();
                for (int i = start; i < start + 1_000; i++) {
                    chunk = chunk.add(y[i], x[i]);
                }
                tree = tree.merge(chunk);
            }
            for (MetricStats s : new MetricStats[] {sequential, tree}) {
                assertEquals(ref[0], s.variance(), 1e-6 * ref[0], "variance at offset " + offset);
                assertEquals(ref[1], s.varianceX(), 1e-6 * ref[1], "variance of x at offset " + offset);
                assertEquals(ref[2], s.covariance(), 1e-6 * ref[2], "covariance at offset " + offset);
            }

            double sum = 0;
            double sumSq = 0;
            for (double v : y) {
                sum += v;
                sumSq += v * v;
            }
            double naive = (sumSq - sum * sum / n) / (n - 1);
            double naiveError = Math.abs(naive - ref[0]) / ref[0];
            double error = Math.abs(sequential.variance() - ref[0]) / ref[0];
            System.out.printf("offset %.0e: relative error of the variance %.2e (Welford), %.2e (tree of merges),"
                    + " %.2e (plain sums)%n", offset, error, Math.abs(tree.variance() - ref[0]) / ref[0], naiveError);
            assertTrue(naiveError > 1e-6, "plain sums unexpectedly accurate: " + naiveError);
        }
    }

    /** {Var(y), Var(x), Cov(y, x)} from the exact deviations from the offset, in two passes. */
    private static double[] twoPass(double[] y, double[] x, double offset) {
        int n = y.length;
        double my = 0;
        double mx = 0;
        for (int i = 0; i < n; i++) {
            my += y[i] - offset;
            mx += x[i] - offset;
        }
        my /= n;
        mx /= n;
        double syy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dy = (y[i] - offset) - my;
            double dx = (x[i] - offset) - mx;
            syy += dy * dy;
            sxx += dx * dx;
            sxy += dx * dy;
        }
        return new double[] {syy / (n - 1), sxx / (n - 1), sxy / (n - 1)};
    }

    @Test
    void valuesChangingInPlaceMatchRecomputingFromScratch() {
        // 10,000 customers whose outcomes change 50,000 times at random (an open window), some moving group: the
        // kept statistics must equal those of the final values computed in one pass.
        RandomDataGenerator random = new RandomDataGenerator(20261206L);
        int n = 10_000;
        double[] y = new double[n];
        double[] x = new double[n];
        MetricStats kept = MetricStats.empty();
        for (int i = 0; i < n; i++) {
            y[i] = random.nextNormal(100, 30);
            x[i] = random.nextNormal(50, 10);
            kept = kept.add(y[i], x[i]);
        }
        for (int k = 0; k < 50_000; k++) {
            int i = random.nextInt(0, n - 1);
            double newY = y[i] + random.nextExponential(5);
            double newX = k % 7 == 0 ? random.nextNormal(50, 10) : x[i];
            kept = kept.replace(y[i], x[i], newY, newX);
            y[i] = newY;
            x[i] = newX;
        }
        MetricStats fresh = MetricStats.of(y, x);
        assertEquals(fresh.count(), kept.count());
        assertEquals(fresh.mean(), kept.mean(), 1e-9 * Math.abs(fresh.mean()));
        assertEquals(fresh.meanX(), kept.meanX(), 1e-9 * Math.abs(fresh.meanX()));
        assertEquals(fresh.variance(), kept.variance(), 1e-8 * fresh.variance());
        assertEquals(fresh.varianceX(), kept.varianceX(), 1e-8 * fresh.varianceX());
        assertEquals(fresh.covariance(), kept.covariance(), 1e-8 * Math.abs(fresh.covariance()) + 1e-9);
    }

    @Test
    void removingUnitsUndoesAddingThem() {
        MetricStats base = MetricStats.of(new double[] {2, 4, 4, 4, 5}, new double[] {1, 2, 3, 4, 5});
        MetricStats more = base.add(7, 7).add(9, 8);
        MetricStats back = more.remove(9, 8).remove(7, 7);
        assertEquals(base.count(), back.count());
        assertEquals(base.mean(), back.mean(), 1e-14);
        assertEquals(base.variance(), back.variance(), 1e-13);
        assertEquals(base.covariance(), back.covariance(), 1e-13);
        assertEquals(MetricStats.empty(), MetricStats.empty().add(3, 1).remove(3, 1));
        assertThrows(IllegalStateException.class, () -> MetricStats.empty().remove(1, 1));
        assertThrows(IllegalStateException.class, () -> MetricStats.empty().replace(1, 1, 2, 2));
    }
}
