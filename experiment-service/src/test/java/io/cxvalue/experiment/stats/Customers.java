package io.cxvalue.experiment.stats;

import org.hipparchus.random.RandomDataGenerator;

/**
 * Simulated customers with a known truth, drawn with a seeded generator so every run is the same.
 *
 * <p>Revenue-like spend per period: a customer is a buyer with probability 0.7 (persistent: non-buyers spend
 * nothing in any period) and has a persistent value level v = exp(0.8 Z − 0.32), Z standard normal (log-normal with
 * mean 1); in each period a buyer spends 100·v·G with G ~ Gamma(shape 2, mean 1) drawn afresh. So spend is skewed
 * with a point mass at 0, and pre-period and experiment-period spend share the buyer flag and v: their correlation is
 * (0.7·100&sup2;·e^0.64 − 70&sup2;)/(0.7·100&sup2;·e^0.64·1.5 − 70&sup2;) = 8,376/15,013 = 0.56. A treatment with
 * relative lift L multiplies experiment-period spend by (1 + L). Hence the truth: E[spend] = {@value #MEAN_SPEND} in
 * control, {@value #MEAN_SPEND}·(1 + L) in treatment, difference {@value #MEAN_SPEND}·L, relative lift L; variance
 * of control spend 15,013.
 */
final class Customers {

    static final double P_BUYER = 0.7;
    /** E[spend] of a control customer: 0.7·100·E[v]·E[G] = 70. */
    static final double MEAN_SPEND = 70.0;

    private Customers() {
    }

    /** A customer's {experiment-period spend, pre-period spend}. */
    static double[] revenue(RandomDataGenerator rng, double lift) {
        boolean buyer = rng.nextDouble() < P_BUYER;
        double v = Math.exp(0.8 * rng.nextGaussian() - 0.32);
        if (!buyer) {
            return new double[] {0.0, 0.0};
        }
        double pre = 100 * v * rng.nextGamma(2.0, 0.5);
        double post = 100 * v * rng.nextGamma(2.0, 0.5) * (1 + lift);
        return new double[] {post, pre};
    }

    /** Experiment-period spend only. */
    static double spend(RandomDataGenerator rng, double lift) {
        return revenue(rng, lift)[0];
    }
}
