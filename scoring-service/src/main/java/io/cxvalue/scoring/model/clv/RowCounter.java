package io.cxvalue.scoring.model.clv;

import java.util.Arrays;

/**
 * Counts identical rows (x, u, v) with primitive open addressing (no boxing), for compressing millions of customers.
 * u and v are compared by their bit patterns ({@link Double#doubleToLongBits}), so compression is exact.
 */
final class RowCounter {

    private int[] xs;
    private double[] us;
    private double[] vs;
    private long[] counts;
    private int[] slots; // index + 1 into the row arrays, 0 = empty
    private int size;

    RowCounter(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
        slots = new int[capacity];
        int rows = Math.max(16, expected / 4);
        xs = new int[rows];
        us = new double[rows];
        vs = new double[rows];
        counts = new long[rows];
    }

    void add(int x, double u, double v) {
        long ub = Double.doubleToLongBits(u);
        long vb = Double.doubleToLongBits(v);
        int mask = slots.length - 1;
        int slot = hash(x, ub, vb) & mask;
        while (true) {
            int row = slots[slot] - 1;
            if (row < 0) {
                break;
            }
            if (xs[row] == x && Double.doubleToLongBits(us[row]) == ub && Double.doubleToLongBits(vs[row]) == vb) {
                counts[row]++;
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (size == xs.length) {
            int grown = xs.length * 2;
            xs = Arrays.copyOf(xs, grown);
            us = Arrays.copyOf(us, grown);
            vs = Arrays.copyOf(vs, grown);
            counts = Arrays.copyOf(counts, grown);
        }
        xs[size] = x;
        us[size] = u;
        vs[size] = v;
        counts[size] = 1;
        slots[slot] = ++size;
        if (size * 2 > slots.length) {
            rehash();
        }
    }

    int size() {
        return size;
    }

    /** Row indices sorted by x, then v, then u. */
    int[] sortedOrder() {
        return java.util.stream.IntStream.range(0, size).boxed()
                .sorted((i, j) -> {
                    int c = Integer.compare(xs[i], xs[j]);
                    if (c == 0) {
                        c = Double.compare(vs[i], vs[j]);
                    }
                    return c != 0 ? c : Double.compare(us[i], us[j]);
                })
                .mapToInt(Integer::intValue).toArray();
    }

    int x(int row) {
        return xs[row];
    }

    double u(int row) {
        return us[row];
    }

    double v(int row) {
        return vs[row];
    }

    long count(int row) {
        return counts[row];
    }

    private void rehash() {
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        for (int row = 0; row < size; row++) {
            int slot = hash(xs[row], Double.doubleToLongBits(us[row]), Double.doubleToLongBits(vs[row])) & mask;
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = row + 1;
        }
        slots = grown;
    }

    private static int hash(int x, long u, long v) {
        long h = x * 0x9E3779B97F4A7C15L;
        h = (h ^ u) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ v) * 0x165667B19E3779F9L;
        h ^= h >>> 31;
        return (int) (h ^ (h >>> 32));
    }
}
