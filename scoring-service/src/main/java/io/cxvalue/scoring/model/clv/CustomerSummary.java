package io.cxvalue.scoring.model.clv;

/**
 * A customer's sufficient statistics for BG/NBD and Gamma-Gamma over a calibration period.
 *
 * @param x               number of repeat transactions (transaction days after the first) in the calibration period
 * @param tx              recency: time from the first purchase to the last repeat purchase (0 when x = 0)
 * @param T               age: time from the first purchase to the end of the calibration period
 * @param meanRepeatValue mean value of the repeat transactions (zbar; 0 when x = 0)
 */
public record CustomerSummary(int x, double tx, double T, double meanRepeatValue) {

    public CustomerSummary {
        if (x < 0) {
            throw new IllegalArgumentException("x must be >= 0: " + x);
        }
        if (!(T >= 0) || Double.isInfinite(T)) {
            throw new IllegalArgumentException("T must be finite and >= 0: " + T);
        }
        if (!(tx >= 0) || tx > T) {
            throw new IllegalArgumentException("tx must be in [0, T]: tx=" + tx + ", T=" + T);
        }
        if (x == 0 && tx != 0) {
            throw new IllegalArgumentException("tx must be 0 when x = 0: " + tx);
        }
        if (!(meanRepeatValue >= 0) || Double.isInfinite(meanRepeatValue)) {
            throw new IllegalArgumentException("meanRepeatValue must be finite and >= 0: " + meanRepeatValue);
        }
    }

    /** Frequency and recency only, for BG/NBD. */
    public static CustomerSummary of(int x, double tx, double T) {
        return new CustomerSummary(x, tx, T, 0.0);
    }
}
