package io.cxvalue.scoring.model.clv;

import java.util.Arrays;
import java.util.Collection;

/**
 * Frequency/recency data for BG/NBD, compressed: identical (x, t_x, T) rows are stored once with their count as a
 * weight, so the log-likelihood costs O(distinct rows) per evaluation instead of O(customers). Rows are sorted by x so
 * that terms depending only on x (the log-gamma functions) are computed once per distinct x.
 *
 * <p>Compression is exact: rows are grouped on the bit patterns of t_x and T, so the weighted log-likelihood equals
 * the sum over customers up to floating-point summation order. It pays off when time is recorded on a calendar
 * (days, or days / 7): then T takes at most as many values as there are acquisition days, and t_x &le; T.
 */
public final class RfmData {

    final int[] x;
    final double[] tx;
    final double[] T;
    final double[] weight;
    /** Start index of each block of equal x, plus the end as the last element. */
    final int[] blockStart;
    /**
     * The distinct values of t_x and T together, and each row's index into them: on calendar data there are few
     * (at most one per day of history), so ln(alpha + t) is computed once per distinct value and evaluation.
     */
    final double[] times;
    final int[] txIndex;
    final int[] tIndex;
    private final long customerCount;

    private RfmData(int[] x, double[] tx, double[] T, double[] weight, long customerCount) {
        this.x = x;
        this.tx = tx;
        this.T = T;
        this.weight = weight;
        this.customerCount = customerCount;
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
        double[] all = new double[2 * x.length];
        System.arraycopy(tx, 0, all, 0, x.length);
        System.arraycopy(T, 0, all, x.length, x.length);
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || Double.compare(all[i], all[i - 1]) != 0) {
                all[distinct++] = all[i];
            }
        }
        times = Arrays.copyOf(all, distinct);
        txIndex = new int[x.length];
        tIndex = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            txIndex[i] = Arrays.binarySearch(times, tx[i]);
            tIndex[i] = Arrays.binarySearch(times, T[i]);
        }
    }

    /** Compresses summaries (their mean value is ignored). */
    public static RfmData compress(Collection<CustomerSummary> summaries) {
        int n = summaries.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        int i = 0;
        for (CustomerSummary s : summaries) {
            x[i] = s.x();
            tx[i] = s.tx();
            T[i] = s.T();
            i++;
        }
        return compress(x, tx, T);
    }

    /** Compresses parallel arrays, one element per customer. */
    public static RfmData compress(int[] x, double[] tx, double[] T) {
        checkLengths(x.length, tx.length, T.length);
        RowCounter counter = new RowCounter(x.length);
        for (int i = 0; i < x.length; i++) {
            validate(x[i], tx[i], T[i]);
            counter.add(x[i], tx[i], T[i]);
        }
        int[] order = counter.sortedOrder();
        int m = order.length;
        int[] cx = new int[m];
        double[] ctx = new double[m];
        double[] cT = new double[m];
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            cx[j] = counter.x(order[j]);
            ctx[j] = counter.u(order[j]);
            cT[j] = counter.v(order[j]);
            w[j] = counter.count(order[j]);
        }
        return new RfmData(cx, ctx, cT, w, x.length);
    }

    /** One row per customer, weight 1 (for comparison with the compressed form). */
    public static RfmData uncompressed(int[] x, double[] tx, double[] T) {
        checkLengths(x.length, tx.length, T.length);
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            validate(x[i], tx[i], T[i]);
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Integer.compare(x[i], x[j]));
        int[] cx = new int[x.length];
        double[] ctx = new double[x.length];
        double[] cT = new double[x.length];
        double[] w = new double[x.length];
        for (int k = 0; k < order.length; k++) {
            cx[k] = x[order[k]];
            ctx[k] = tx[order[k]];
            cT[k] = T[order[k]];
            w[k] = 1.0;
        }
        return new RfmData(cx, ctx, cT, w, x.length);
    }

    /**
     * A random subsample of about {@code fraction} of the customers (each row's count thinned binomially, seeded, so
     * deterministic), or null if it would be empty.
     */
    RfmData subsample(double fraction, long seed) {
        Subsampling.Draw draw = Subsampling.draw(weight, fraction, seed);
        if (draw.isEmpty()) {
            return null;
        }
        int[] rows = draw.rows();
        int[] sx = new int[rows.length];
        double[] stx = new double[rows.length];
        double[] sT = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            sx[k] = x[rows[k]];
            stx[k] = tx[rows[k]];
            sT[k] = T[rows[k]];
        }
        return new RfmData(sx, stx, sT, draw.weights(), draw.customers());
    }

    public long customerCount() {
        return customerCount;
    }

    public int distinctRows() {
        return x.length;
    }

    /** Mean of T over customers (used for starting values). */
    double meanT() {
        double s = 0;
        for (int i = 0; i < T.length; i++) {
            s += weight[i] * T[i];
        }
        return s / customerCount;
    }

    private static void checkLengths(int a, int b, int c) {
        if (a != b || a != c) {
            throw new IllegalArgumentException("x, tx and T must have the same length");
        }
        if (a == 0) {
            throw new IllegalArgumentException("no customers");
        }
    }

    private static void validate(int x, double tx, double T) {
        if (x < 0 || !(T >= 0) || Double.isInfinite(T) || !(tx >= 0) || tx > T || (x == 0 && tx != 0)) {
            throw new IllegalArgumentException("invalid row: x=" + x + ", tx=" + tx + ", T=" + T
                    + " (need x >= 0, 0 <= tx <= T, tx = 0 when x = 0)");
        }
    }
}
