package io.cxvalue.scoring.model.clv;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns one customer's transaction log into the BG/NBD / Gamma-Gamma sufficient statistics.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li><b>Transaction days.</b> All entries of a customer on the same calendar day form one transaction; its value is
 *       the sum of that day's purchase amounts minus that day's refunds.</li>
 *   <li><b>Refunds and cancellations.</b> A refund is dated with the day of the purchase it reverses
 *       ({@link Transaction#refund(LocalDate, double)}) and is netted against that day: a partial refund lowers the
 *       day's value; a day whose refunds reach its purchases (net value &le; {@value #FULLY_REFUNDED_EPSILON}) was fully
 *       refunded or cancelled and is removed, as if it had never happened (it is neither a first nor a repeat
 *       purchase). A day with only refunds and no purchase is ignored. A purchase day without refunds always counts,
 *       even at amount 0 (free items). Because refunds are netted by purchase date whenever they were issued, a
 *       point-in-time (as of the calibration end) view is obtained by passing only the refunds known at that time.</li>
 *   <li><b>Calibration window.</b> Only days on or before {@code calibrationEnd} (inclusive) are used. The first
 *       remaining day is the customer's first purchase ("birth"); it is not a repeat purchase. A customer without a
 *       remaining day in the window is not summarised ({@link Optional#empty()}).</li>
 *   <li><b>x</b> = number of remaining days after the first; <b>t_x</b> = whole days from the first purchase to the
 *       last repeat day, in the time unit (0 when x = 0); <b>T</b> = whole days from the first purchase to
 *       {@code calibrationEnd}, in the time unit. Weeks are days / 7, fractional, not rounded.</li>
 *   <li><b>Mean repeat value</b> (zbar) = mean of the repeat days' net values (the first purchase excluded); 0 when
 *       x = 0.</li>
 *   <li><b>Holdout.</b> {@link #holdoutTransactions} counts remaining days in ({@code calibrationEnd},
 *       {@code holdoutEnd}] by the same rules: those are all repeat transactions.</li>
 * </ol>
 * With these rules, CDNOW's calibration end 1997-09-30 and weeks reproduce the published summary file exactly
 * (to its two printed decimals) for all 2,357 customers.
 */
public final class RfmSummaryBuilder {

    /** A day whose net value is at most this (after refunds) is treated as fully refunded or cancelled. */
    public static final double FULLY_REFUNDED_EPSILON = 1e-9;

    private RfmSummaryBuilder() {
    }

    /**
     * The customer's summary at {@code calibrationEnd}, or empty when the customer made no (unrefunded) purchase on or
     * before it.
     */
    public static Optional<CustomerSummary> summarize(Collection<Transaction> log, LocalDate calibrationEnd,
            TimeUnit unit) {
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        Objects.requireNonNull(unit, "unit");
        NavigableMap<LocalDate, Double> days = transactionDays(log).headMap(calibrationEnd, true);
        if (days.isEmpty()) {
            return Optional.empty();
        }
        LocalDate first = days.firstKey();
        int x = days.size() - 1;
        double tx = 0.0;
        double mean = 0.0;
        if (x > 0) {
            tx = unit.fromDays(ChronoUnit.DAYS.between(first, days.lastKey()));
            double sum = 0.0;
            for (double v : days.tailMap(first, false).values()) {
                sum += v;
            }
            mean = sum / x;
        }
        double T = unit.fromDays(ChronoUnit.DAYS.between(first, calibrationEnd));
        return Optional.of(new CustomerSummary(x, tx, T, mean));
    }

    /**
     * The number of transaction days in ({@code calibrationEnd}, {@code holdoutEnd}] under the same rules, i.e. the
     * customer's repeat transactions in the holdout period. Only meaningful for a customer that
     * {@link #summarize} summarises at {@code calibrationEnd}.
     */
    public static int holdoutTransactions(Collection<Transaction> log, LocalDate calibrationEnd, LocalDate holdoutEnd) {
        if (!holdoutEnd.isAfter(calibrationEnd)) {
            throw new IllegalArgumentException("holdoutEnd must be after calibrationEnd");
        }
        return transactionDays(log).subMap(calibrationEnd, false, holdoutEnd, true).size();
    }

    /** Transaction days (after netting refunds and dropping fully refunded days) with their net values. */
    public static NavigableMap<LocalDate, Double> transactionDays(Collection<Transaction> log) {
        Map<LocalDate, double[]> byDay = new TreeMap<>();
        for (Transaction t : log) {
            // [0] = purchases, [1] = refunds, [2] = number of purchase entries
            double[] acc = byDay.computeIfAbsent(t.date(), d -> new double[3]);
            if (t.kind() == Transaction.Kind.PURCHASE) {
                acc[0] += t.amount();
                acc[2] += 1;
            } else {
                acc[1] += t.amount();
            }
        }
        TreeMap<LocalDate, Double> days = new TreeMap<>();
        for (Map.Entry<LocalDate, double[]> e : byDay.entrySet()) {
            double[] acc = e.getValue();
            if (acc[2] == 0) {
                continue; // refunds without a purchase that day
            }
            double net = acc[0] - acc[1];
            if (acc[1] > 0 && net <= FULLY_REFUNDED_EPSILON) {
                continue; // fully refunded or cancelled
            }
            days.put(e.getKey(), Math.max(net, 0.0));
        }
        return days;
    }
}
