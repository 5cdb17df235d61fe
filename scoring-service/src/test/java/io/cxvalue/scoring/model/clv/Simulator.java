package io.cxvalue.scoring.model.clv;

import org.hipparchus.random.RandomDataGenerator;

/**
 * Draws customers from BG/NBD and Gamma-Gamma with a seeded generator (Hipparchus' {@link RandomDataGenerator}).
 *
 * <p>Per customer: lambda ~ Gamma(r, scale 1/alpha), p ~ Beta(a, b); birth (first purchase) at 0; inter-purchase
 * times Exponential(mean 1/lambda); after each repeat purchase the customer drops out with probability p; purchases
 * after T are not observed. Spend: nu ~ Gamma(q, scale 1/gamma), each repeat transaction's value ~ Gamma(p, scale 1/nu).
 */
final class Simulator {

    /** Parallel arrays, one element per customer. */
    record Population(int[] x, double[] tx, double[] T, double[] zbar) {
        int size() {
            return x.length;
        }
    }

    private Simulator() {
    }

    /**
     * @param continuous true: exact model (t_x, T real numbers, zbar exact means); false: calendar data as a store
     *                   would record it: whole days (T an integer, t_x the purchase day, several purchases on one day
     *                   merged into one transaction) and amounts in cents
     */
    static Population simulate(int n, BgNbdModel bg, GammaGammaModel gg, double minT, double maxT, boolean continuous,
            long seed) {
        RandomDataGenerator rng = new RandomDataGenerator(seed);
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        double[] zbar = new double[n];
        for (int i = 0; i < n; i++) {
            double age = continuous ? rng.nextUniform(minT, maxT) : Math.floor(rng.nextUniform(minT, maxT + 1));
            double lambda = rng.nextGamma(bg.r(), 1 / bg.alpha());
            double dropout = rng.nextBeta(bg.a(), bg.b());
            double nu = rng.nextGamma(gg.q(), 1 / gg.gamma());
            int count = 0;
            double last = 0;
            double spend = 0;
            double t = 0;
            while (true) {
                t += rng.nextExponential(1 / lambda);
                if (t > age) {
                    break;
                }
                double value = rng.nextGamma(gg.p(), 1 / nu);
                if (continuous) {
                    count++;
                    last = t;
                    spend += value;
                } else {
                    double day = Math.floor(t);
                    double cents = Math.max(0.01, Math.round(value * 100) / 100.0);
                    if (day > last) {
                        count++;
                        last = day;
                    }
                    if (day > 0) {
                        spend += cents; // a purchase on the first day belongs to the first (non-repeat) purchase
                    }
                }
                if (rng.nextUniform(0, 1) < dropout) {
                    break;
                }
            }
            x[i] = count;
            tx[i] = count == 0 ? 0 : last;
            T[i] = age;
            zbar[i] = count == 0 ? 0 : spend / count;
        }
        return new Population(x, tx, T, zbar);
    }
}
