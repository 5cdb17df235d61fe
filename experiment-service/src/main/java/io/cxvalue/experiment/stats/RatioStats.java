package io.cxvalue.experiment.stats;

/**
 * Mergeable statistics of a ratio metric in one group whose analysis unit is finer than the randomization unit, e.g.
 * the CSAT top-2-box share of survey responses when customers are randomized: per randomized unit (customer) a
 * numerator (the customer's top-2 answers) and a denominator (the customer's answers). The ratio is
 * R = &Sigma;numerator / &Sigma;denominator, i.e. the share over all responses.
 *
 * <p>Responses of the same customer are correlated, so treating each response as an independent observation
 * understates the variance. The units that are independent are the customers; R is a ratio of two unit means, and
 * its variance follows from the delta method (Deng, Knoblich and Lu 2018, "Applying the Delta Method in Metric
 * Analytics: A Practical Guide with Novel Ideas", KDD 2018):
 * <pre>
 *   Var(R) &asymp; (1 / (n μ_d&sup2;)) (σ_n&sup2; − 2 R σ_nd + R&sup2; σ_d&sup2;)
 * </pre>
 * with n the number of units, μ_d the mean denominator per unit, σ_n&sup2;, σ_d&sup2;, σ_nd the per-unit sample
 * variances and covariance. This equals the sample variance of the linearized unit values
 * (num_i − R·den_i)/μ_d divided by n, which is why {@link Estimate#of(RatioStats)} gives it n − 1 degrees of freedom.
 *
 * <p>The per-unit moments are kept in a {@link MetricStats} with y = numerator and x = denominator, so the numeric
 * care documented there applies. Units with a zero denominator (customers who answered no survey) may be added: they
 * count as units, contribute nothing to either sum, and enter the variance as the linearization says.
 *
 * @param units per-unit moments, y = numerator, x = denominator
 */
public record RatioStats(MetricStats units) {

    private static final RatioStats EMPTY = new RatioStats(MetricStats.empty());

    public RatioStats {
        if (units == null) {
            throw new IllegalArgumentException("units must not be null");
        }
    }

    /** No units yet. */
    public static RatioStats empty() {
        return EMPTY;
    }

    /** One more randomization unit with its numerator and denominator (both finite, denominator &ge; 0). */
    public RatioStats add(double numerator, double denominator) {
        if (!(denominator >= 0)) {
            throw new IllegalArgumentException("denominator must be >= 0: " + denominator);
        }
        return new RatioStats(units.add(numerator, denominator));
    }

    /** The statistics of both sets of units together. */
    public RatioStats merge(RatioStats other) {
        return new RatioStats(units.merge(other.units));
    }

    /** Number of randomization units n. */
    public long count() {
        return units.count();
    }

    /** &Sigma;numerator. */
    public double sumNumerator() {
        return units.sum();
    }

    /** &Sigma;denominator. */
    public double sumDenominator() {
        return units.sumX();
    }

    /** R = &Sigma;numerator / &Sigma;denominator; NaN when the denominators sum to 0. */
    public double ratio() {
        return units.meanX() == 0 ? Double.NaN : units.mean() / units.meanX();
    }

    /** The delta-method variance of {@link #ratio()}; NaN for fewer than 2 units or a zero mean denominator. */
    public double variance() {
        double r = ratio();
        double meanDenominator = units.meanX();
        double linearized = units.variance() - 2 * r * units.covariance() + r * r * units.varianceX();
        // rounding can make a (near) perfectly proportional unit set's value a tiny negative number
        return Math.max(0.0, linearized) / (units.count() * meanDenominator * meanDenominator);
    }

    /** &radic;{@link #variance()}. */
    public double standardError() {
        return Math.sqrt(variance());
    }
}
