package io.cxvalue.scoring.model.clv;

import java.util.Collection;

/**
 * Monetary data for Gamma-Gamma, compressed: identical (x, zbar) rows are stored once with their count as a weight,
 * sorted by x. Only customers with x &gt; 0 repeat transactions and a positive mean repeat value zbar enter the model
 * (the Gamma-Gamma density of zbar is not defined at x = 0 or zbar = 0); {@link #compress(Collection)} skips the
 * others and {@link #skipped()} says how many.
 */
public final class SpendData {

    final int[] x;
    final double[] zbar;
    final double[] logZbar;
    final double[] weight;
    final int[] blockStart;
    private final long customerCount;
    private final long skipped;

    private SpendData(int[] x, double[] zbar, double[] weight, long customerCount, long skipped) {
        this.x = x;
        this.zbar = zbar;
        this.weight = weight;
        this.customerCount = customerCount;
        this.skipped = skipped;
        this.logZbar = new double[zbar.length];
        for (int i = 0; i < zbar.length; i++) {
            logZbar[i] = Math.log(zbar[i]);
        }
        int blocks = 0;
        for (int i = 0; i < x.length; i++) {
            if (i == 0 || x[i] != x[i - 1]) {
                blocks++;
            }
        }
        blockStart = new int[blocks + 1];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (i == 0 || x[i] != x[i - 1]) {
                blockStart[k++] = i;
            }
        }
        blockStart[blocks] = x.length;
    }

    /** Compresses the summaries with x &gt; 0 and zbar &gt; 0; the others are skipped. */
    public static SpendData compress(Collection<CustomerSummary> summaries) {
        int[] x = new int[summaries.size()];
        double[] z = new double[summaries.size()];
        int i = 0;
        for (CustomerSummary s : summaries) {
            x[i] = s.x();
            z[i] = s.meanRepeatValue();
            i++;
        }
        return compress(x, z);
    }

    /** Compresses parallel arrays (one element per customer); rows with x = 0 or zbar &le; 0 are skipped. */
    public static SpendData compress(int[] x, double[] zbar) {
        if (x.length != zbar.length) {
            throw new IllegalArgumentException("x and zbar must have the same length");
        }
        RowCounter counter = new RowCounter(x.length);
        long used = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0 || !(zbar[i] >= 0) || Double.isInfinite(zbar[i])) {
                throw new IllegalArgumentException("invalid row: x=" + x[i] + ", zbar=" + zbar[i]);
            }
            if (x[i] == 0 || zbar[i] == 0) {
                continue;
            }
            used++;
            counter.add(x[i], 0.0, zbar[i]);
        }
        if (used == 0) {
            throw new IllegalArgumentException("no customer with repeat transactions of positive value");
        }
        int[] order = counter.sortedOrder();
        int[] cx = new int[order.length];
        double[] cz = new double[order.length];
        double[] w = new double[order.length];
        for (int j = 0; j < order.length; j++) {
            cx[j] = counter.x(order[j]);
            cz[j] = counter.v(order[j]);
            w[j] = counter.count(order[j]);
        }
        return new SpendData(cx, cz, w, used, x.length - used);
    }

    /** A seeded random subsample of about {@code fraction} of the customers, or null if it would be empty. */
    SpendData subsample(double fraction, long seed) {
        Subsampling.Draw draw = Subsampling.draw(weight, fraction, seed);
        if (draw.isEmpty()) {
            return null;
        }
        int[] rows = draw.rows();
        int[] sx = new int[rows.length];
        double[] sz = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            sx[k] = x[rows[k]];
            sz[k] = zbar[rows[k]];
        }
        return new SpendData(sx, sz, draw.weights(), draw.customers(), 0);
    }

    /** Customers in the model (x &gt; 0, zbar &gt; 0). */
    public long customerCount() {
        return customerCount;
    }

    /** Customers left out (x = 0 or zbar = 0). */
    public long skipped() {
        return skipped;
    }

    public int distinctRows() {
        return x.length;
    }

    /** Weighted mean of zbar. */
    double meanZbar() {
        double s = 0;
        for (int i = 0; i < zbar.length; i++) {
            s += weight[i] * zbar[i];
        }
        return s / customerCount;
    }
}
