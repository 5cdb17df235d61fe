package io.cxvalue.scoring.model.clv;

import java.util.SplittableRandom;

/** Warm starts for large fits: how big a subsample is and how it is drawn. */
final class Subsampling {

    /** Fits with more distinct rows than this first fit a subsample of {@link #SUBSAMPLE_CUSTOMERS} customers. */
    static final int WARM_START_ROWS = 50_000;
    static final long SUBSAMPLE_CUSTOMERS = 50_000;
    static final long SEED = 0x5EED_C1F0L;

    private Subsampling() {
    }

    /** The fraction of {@code customers} that makes a subsample of {@link #SUBSAMPLE_CUSTOMERS}, or 0 for none. */
    static double fraction(int distinctRows, long customers) {
        if (distinctRows <= WARM_START_ROWS || customers <= 2 * SUBSAMPLE_CUSTOMERS) {
            return 0;
        }
        return (double) SUBSAMPLE_CUSTOMERS / customers;
    }

    /**
     * A seeded draw of about {@code fraction} of the customers behind weighted rows: each row's weight becomes a
     * binomial draw of it.
     *
     * @param rows      the rows drawn at least once, in order
     * @param weights   the drawn weight of each of {@code rows}
     * @param customers the customers drawn in all
     */
    record Draw(int[] rows, double[] weights, long customers) {

        boolean isEmpty() {
            return rows.length == 0;
        }
    }

    static Draw draw(double[] weight, double fraction, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] drawn = new double[weight.length];
        int kept = 0;
        long customers = 0;
        for (int i = 0; i < weight.length; i++) {
            drawn[i] = binomial(random, (long) weight[i], fraction);
            customers += (long) drawn[i];
            if (drawn[i] > 0) {
                kept++;
            }
        }
        int[] rows = new int[kept];
        double[] weights = new double[kept];
        int k = 0;
        for (int i = 0; i < weight.length; i++) {
            if (drawn[i] > 0) {
                rows[k] = i;
                weights[k] = drawn[i];
                k++;
            }
        }
        return new Draw(rows, weights, customers);
    }

    /** Binomial(n, p): exact for small n, normal approximation (rounded, clipped) for large n p (1 - p). */
    static long binomial(SplittableRandom random, long n, double p) {
        double variance = n * p * (1 - p);
        if (variance > 100) {
            double g = random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble()
                    + random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble()
                    + random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble() - 6;
            return Math.max(0, Math.min(n, Math.round(n * p + Math.sqrt(variance) * g)));
        }
        long k = 0;
        for (long i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }
}
