package io.cxvalue.scoring.model.clv;

import java.util.Objects;

/**
 * Discounted customer lifetime value over a finite horizon from a BG/NBD model (how many transactions) and a
 * Gamma-Gamma model (how much per transaction), which are assumed independent as in Fader and Hardie (2013).
 *
 * <h2>Method</h2>
 * The horizon H (in the models' time unit, starting at the calibration end) is cut into periods of length
 * {@code periodLength} (the last one possibly shorter): t_k = min(k &middot; periodLength, H), k = 1..K. The
 * customer's expected transactions in period k are E[Y(t_k) | x, t_x, T] - E[Y(t_{k-1}) | x, t_x, T], each discounted
 * to the calibration end at the end of its period with the annual rate d:
 * <pre>
 *   CLV = E[Z | zbar, x] &middot; sum_k (E[Y(t_k)] - E[Y(t_{k-1})]) / (1 + d)^(t_k / unitsPerYear)
 * </pre>
 * where unitsPerYear is {@link TimeUnit#unitsPerYear()} (365.25 days or 52.18 weeks). With d = 0 the sum telescopes
 * to E[Y(H)], the undiscounted expectation. Shorter periods approach continuous discounting of the transaction flow;
 * the default period is a month (1/12 of a year), which costs 12 evaluations of E[Y] per customer and year of
 * horizon. E[Z | zbar, x] is the Gamma-Gamma conditional expected spend (the population mean p gamma / (q-1) for a
 * customer without repeat transactions). The value is in the currency of the transaction amounts; it counts repeat
 * transactions only and contains no margin: multiply by a margin for profit.
 */
public final class Clv {

    private final BgNbdModel transactions;
    private final GammaGammaModel spend;
    private final double[] periodEnds;
    private final double[] discountFactors;
    private final double horizon;
    private final double annualDiscountRate;

    /**
     * @param transactions       fitted BG/NBD model
     * @param spend              fitted Gamma-Gamma model
     * @param unit               the time unit the BG/NBD model was fitted in
     * @param horizon            horizon in that unit (&gt; 0)
     * @param annualDiscountRate annual discount rate d &ge; 0 (0.1 = 10 % a year)
     * @param periodLength       discounting period in that unit (&gt; 0)
     */
    public Clv(BgNbdModel transactions, GammaGammaModel spend, TimeUnit unit, double horizon,
            double annualDiscountRate, double periodLength) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.spend = Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(unit, "unit");
        if (!(horizon > 0) || Double.isInfinite(horizon)) {
            throw new IllegalArgumentException("horizon must be finite and > 0: " + horizon);
        }
        if (!(annualDiscountRate >= 0) || Double.isInfinite(annualDiscountRate)) {
            throw new IllegalArgumentException("annual discount rate must be finite and >= 0: " + annualDiscountRate);
        }
        if (!(periodLength > 0) || Double.isInfinite(periodLength)) {
            throw new IllegalArgumentException("period length must be finite and > 0: " + periodLength);
        }
        int periods = (int) Math.ceil(horizon / periodLength - 1e-9);
        if (periods > 100_000) {
            throw new IllegalArgumentException("too many periods: " + periods);
        }
        this.horizon = horizon;
        this.annualDiscountRate = annualDiscountRate;
        periodEnds = new double[periods];
        discountFactors = new double[periods];
        double logOnePlusD = Math.log1p(annualDiscountRate);
        for (int k = 0; k < periods; k++) {
            periodEnds[k] = Math.min((k + 1) * periodLength, horizon);
            discountFactors[k] = Math.exp(-logOnePlusD * periodEnds[k] / unit.unitsPerYear());
        }
    }

    /** Monthly periods (1/12 of a year in the unit). */
    public static Clv monthly(BgNbdModel transactions, GammaGammaModel spend, TimeUnit unit, double horizon,
            double annualDiscountRate) {
        return new Clv(transactions, spend, unit, horizon, annualDiscountRate, unit.unitsPerYear() / 12);
    }

    /** Discounted expected number of repeat transactions over the horizon. */
    public double discountedTransactions(CustomerSummary s) {
        double previous = 0.0;
        double total = 0.0;
        for (int k = 0; k < periodEnds.length; k++) {
            double cumulative = transactions.conditionalExpectedTransactions(periodEnds[k], s);
            total += (cumulative - previous) * discountFactors[k];
            previous = cumulative;
        }
        return total;
    }

    /** CLV of the customer: discounted expected transactions times conditional expected spend. */
    public double value(CustomerSummary s) {
        return discountedTransactions(s) * spend.conditionalExpectedSpend(s);
    }

    public double horizon() {
        return horizon;
    }

    public double annualDiscountRate() {
        return annualDiscountRate;
    }

    public int periods() {
        return periodEnds.length;
    }
}
