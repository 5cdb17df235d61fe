package io.cxvalue.scoring.model.clv;

import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of spend per transaction (Fader and Hardie 2013; Colombo and Jiang 1999): a customer's
 * transaction values are Gamma(p, nu) with nu ~ Gamma(q, gamma) across customers, independent of the transaction
 * process. Fitted on the mean repeat value zbar of customers with x &gt; 0 repeat transactions.
 *
 * @param p     shape of the per-transaction value distribution
 * @param q     shape of the distribution of nu across customers
 * @param gamma scale of the distribution of nu across customers (in currency units)
 */
public record GammaGammaModel(double p, double q, double gamma) {

    public GammaGammaModel {
        for (double v : new double[] {p, q, gamma}) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("Gamma-Gamma parameters must be finite and positive: p=" + p
                        + ", q=" + q + ", gamma=" + gamma);
            }
        }
    }

    /**
     * ln f(zbar | p, q, gamma; x), the density of the mean of x transaction values:
     * Gamma(px+q) / (Gamma(px) Gamma(q)) gamma^q x^(px) zbar^(px-1) / (gamma + x zbar)^(px+q).
     */
    public double logLikelihood(int x, double zbar) {
        if (x <= 0 || !(zbar > 0)) {
            throw new IllegalArgumentException("Gamma-Gamma needs x > 0 and zbar > 0: x=" + x + ", zbar=" + zbar);
        }
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(gamma)
                + px * Math.log(x) + (px - 1) * Math.log(zbar) - (px + q) * Math.log(gamma + x * zbar);
    }

    /** The summed (weighted) log-likelihood over compressed data. */
    public double logLikelihood(SpendData data) {
        return logLikelihood(data, p, q, gamma);
    }

    static double logLikelihood(SpendData d, double p, double q, double gamma) {
        double constant = q * Math.log(gamma) - Gamma.logGamma(q);
        double total = 0.0;
        for (int k = 0; k + 1 < d.blockStart.length; k++) {
            int from = d.blockStart[k];
            int to = d.blockStart[k + 1];
            int x = d.x[from];
            double px = p * x;
            double common = Gamma.logGamma(px + q) - Gamma.logGamma(px) + constant + px * Math.log(x);
            double blockSum = 0.0;
            double blockWeight = 0.0;
            for (int i = from; i < to; i++) {
                blockSum += d.weight[i] * ((px - 1) * d.logZbar[i] - (px + q) * Math.log(gamma + x * d.zbar[i]));
                blockWeight += d.weight[i];
            }
            total += blockSum + blockWeight * common;
        }
        return total;
    }

    /** Mean transaction value of a new customer, E[Z] = p gamma / (q - 1) (infinite when q &le; 1). */
    public double expectedSpend() {
        return q > 1 ? p * gamma / (q - 1) : Double.POSITIVE_INFINITY;
    }

    /**
     * E[Z | zbar, x] = (gamma + x zbar) p / (px + q - 1): a weighted mean of the population mean p gamma / (q-1)
     * and the customer's own zbar, with weight px / (px + q - 1) on zbar. For x = 0 it is the population mean.
     */
    public double conditionalExpectedSpend(int x, double zbar) {
        if (x < 0 || !(zbar >= 0)) {
            throw new IllegalArgumentException("need x >= 0 and zbar >= 0: x=" + x + ", zbar=" + zbar);
        }
        if (x == 0) {
            return expectedSpend();
        }
        return (gamma + x * zbar) * p / (p * x + q - 1);
    }

    public double conditionalExpectedSpend(CustomerSummary s) {
        return conditionalExpectedSpend(s.x(), s.meanRepeatValue());
    }
}
