package io.cxvalue.scoring.model.clv;

import org.hipparchus.special.Gamma;

/**
 * The BG/NBD model (Fader, Hardie and Lee 2005): while alive, a customer buys as a Poisson process with rate
 * lambda ~ Gamma(r, alpha); after each purchase she drops out with probability p ~ Beta(a, b). Times are in the unit
 * the data were summarised in ({@link TimeUnit}); alpha is in that unit.
 *
 * <p>All expressions are evaluated in log space with Hipparchus' {@link Gamma#logGamma}. The expectations need the
 * Gaussian hypergeometric function ({@link Hypergeometric}) and the factor (a + b + x - 1) / (a - 1), which is
 * singular at a = 1; there the value is taken as the mean of a = 1 &plusmn; 1e-7 (the expression is smooth in a).
 *
 * @param r     shape of the purchase-rate gamma distribution
 * @param alpha scale of the purchase-rate gamma distribution (in the time unit)
 * @param a     first shape of the drop-out beta distribution
 * @param b     second shape of the drop-out beta distribution
 */
public record BgNbdModel(double r, double alpha, double a, double b) {

    private static final double SINGULAR_A = 1e-7;

    public BgNbdModel {
        for (double v : new double[] {r, alpha, a, b}) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("BG/NBD parameters must be finite and positive: r=" + r
                        + ", alpha=" + alpha + ", a=" + a + ", b=" + b);
            }
        }
    }

    /**
     * ln L(r, alpha, a, b | x, t_x, T) for one customer (FHL 2005, eq. 6):
     * L = B(a, b+x)/B(a, b) Gamma(r+x) alpha^r / (Gamma(r) (alpha+T)^(r+x))
     * + [x &gt; 0] B(a+1, b+x-1)/B(a, b) Gamma(r+x) alpha^r / (Gamma(r) (alpha+t_x)^(r+x)).
     */
    public double logLikelihood(int x, double tx, double T) {
        double common = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha)
                + Gamma.logGamma(b + x) + Gamma.logGamma(a + b) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double a3 = -(r + x) * Math.log(alpha + T);
        if (x == 0) {
            return common + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        return common + logSumExp(a3, a4);
    }

    /** The summed (weighted) log-likelihood over compressed data. */
    public double logLikelihood(RfmData data) {
        return logLikelihood(data, r, alpha, a, b);
    }

    static double logLikelihood(RfmData d, double r, double alpha, double a, double b) {
        double lgR = Gamma.logGamma(r);
        double lgB = Gamma.logGamma(b);
        double lgAB = Gamma.logGamma(a + b);
        double rLogAlpha = r * Math.log(alpha);
        double logA = Math.log(a);
        double[] logAlphaPlus = new double[d.times.length];
        for (int k = 0; k < logAlphaPlus.length; k++) {
            logAlphaPlus[k] = Math.log(alpha + d.times[k]);
        }
        double total = 0.0;
        for (int k = 0; k + 1 < d.blockStart.length; k++) {
            int from = d.blockStart[k];
            int to = d.blockStart[k + 1];
            int x = d.x[from];
            double rx = r + x;
            double common = Gamma.logGamma(rx) - lgR + rLogAlpha + Gamma.logGamma(b + x) + lgAB - lgB
                    - Gamma.logGamma(a + b + x);
            double blockSum = 0.0;
            double blockWeight = 0.0;
            if (x == 0) {
                for (int i = from; i < to; i++) {
                    blockSum += d.weight[i] * (-rx * logAlphaPlus[d.tIndex[i]]);
                    blockWeight += d.weight[i];
                }
            } else {
                double c4 = logA - Math.log(b + x - 1);
                for (int i = from; i < to; i++) {
                    double a3 = -rx * logAlphaPlus[d.tIndex[i]];
                    double a4 = c4 - rx * logAlphaPlus[d.txIndex[i]];
                    // log(1 + e) instead of log1p: Math.log is an intrinsic, and for e in (0, 1] the absolute
                    // error stays below 2.3e-16 per row, negligible in the sum
                    double max = Math.max(a3, a4);
                    blockSum += d.weight[i] * (max + Math.log(1 + Math.exp(Math.min(a3, a4) - max)));
                    blockWeight += d.weight[i];
                }
            }
            total += blockSum + blockWeight * common;
        }
        return total;
    }

    /**
     * E[X(t)]: expected number of repeat transactions in (0, t] of a customer who made her first purchase at 0
     * (FHL 2005, eq. 9): (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))].
     */
    public double expectedTransactions(double t) {
        checkTime(t);
        if (t == 0) {
            return 0.0;
        }
        if (Math.abs(a - 1) < SINGULAR_A) {
            return 0.5 * (expectedTransactions(t, 1 - SINGULAR_A) + expectedTransactions(t, 1 + SINGULAR_A));
        }
        return expectedTransactions(t, a);
    }

    private double expectedTransactions(double t, double a) {
        double c = a + b - 1;
        double z = t / (alpha + t);
        double logPrefactor = -r * Math.log1p(t / alpha);
        double oneMinus = c > 0
                ? -Math.expm1(logPrefactor + Hypergeometric.log2F1(r, b, c, z))
                : 1 - Math.exp(logPrefactor) * Hypergeometric.value(r, b, c, z);
        return c / (a - 1) * oneMinus;
    }

    /**
     * E[Y(t) | x, t_x, T]: expected repeat transactions in (T, T + t] of a customer with history (x, t_x, T)
     * (FHL 2005, eq. 10):
     * (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]
     * / (1 + [x &gt; 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)).
     */
    public double conditionalExpectedTransactions(double t, int x, double tx, double T) {
        checkTime(t);
        checkHistory(x, tx, T);
        if (t == 0) {
            return 0.0;
        }
        if (Math.abs(a - 1) < SINGULAR_A) {
            return 0.5 * (conditionalExpected(t, x, tx, T, 1 - SINGULAR_A)
                    + conditionalExpected(t, x, tx, T, 1 + SINGULAR_A));
        }
        return conditionalExpected(t, x, tx, T, a);
    }

    private double conditionalExpected(double t, int x, double tx, double T, double a) {
        double c = a + b + x - 1;
        double z = t / (alpha + T + t);
        double logPrefactor = -(r + x) * Math.log1p(t / (alpha + T));
        double oneMinus = c > 0
                ? -Math.expm1(logPrefactor + Hypergeometric.log2F1(r + x, b + x, c, z))
                : 1 - Math.exp(logPrefactor) * Hypergeometric.value(r + x, b + x, c, z);
        return c / (a - 1) * oneMinus * probabilityAlive(x, tx, T, a);
    }

    /**
     * P(alive | x, t_x, T) (FHL 2005, eq. 11): 1 / (1 + [x &gt; 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)).
     * The model assumes drop-out only happens right after a purchase, so a customer without repeat purchases
     * (x = 0) is alive with probability 1.
     */
    public double probabilityAlive(int x, double tx, double T) {
        checkHistory(x, tx, T);
        return probabilityAlive(x, tx, T, a);
    }

    private double probabilityAlive(int x, double tx, double T, double a) {
        if (x == 0) {
            return 1.0;
        }
        double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    public double probabilityAlive(CustomerSummary s) {
        return probabilityAlive(s.x(), s.tx(), s.T());
    }

    public double conditionalExpectedTransactions(double t, CustomerSummary s) {
        return conditionalExpectedTransactions(t, s.x(), s.tx(), s.T());
    }

    static double logSumExp(double u, double v) {
        double max = Math.max(u, v);
        return max + Math.log1p(Math.exp(Math.min(u, v) - max));
    }

    private static void checkTime(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("t must be finite and >= 0: " + t);
        }
    }

    private static void checkHistory(int x, double tx, double T) {
        if (x < 0 || !(T >= 0) || !(tx >= 0) || tx > T) {
            throw new IllegalArgumentException("invalid history: x=" + x + ", tx=" + tx + ", T=" + T);
        }
    }
}
