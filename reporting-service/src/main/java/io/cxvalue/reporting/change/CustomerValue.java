package io.cxvalue.reporting.change;

import io.cxvalue.reporting.stats.Proportions;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The customer side of a process change's return: the issues its first-contact resolution effect turned resolved per
 * month, each worth the lifetime value at stake per customer with an unresolved contact (from the analysis of what
 * moves customer value). Both are estimates with 95 % intervals, taken as independent and normal; the product's
 * interval is the delta method's, {@code se^2 = v^2 se_r^2 + r^2 se_v^2}.
 *
 * @param estimate money per month (positive: value kept)
 */
public record CustomerValue(double estimate, double low, double high) {

    /**
     * @param fcrEffect         the change in the first-contact resolution share, with its interval
     * @param issuesPerMonth    the affected closed issues per month
     * @param valueAtStake      the value at stake per month of unresolved contacts, with its interval
     * @param customersPerMonth the customers with an unresolved contact per month (&gt; 0)
     */
    public static CustomerValue of(ImpactEstimate.Effect fcrEffect, double issuesPerMonth, double valueAtStake,
            double valueAtStakeLow, double valueAtStakeHigh, double customersPerMonth) {
        double perCustomer = valueAtStake / customersPerMonth;
        double perCustomerSe = (valueAtStakeHigh - valueAtStakeLow) / (2 * Proportions.Z95) / customersPerMonth;
        double resolved = fcrEffect.estimate() * issuesPerMonth;
        // The effect's interval is a t interval: its standard error is the half-width over the t quantile.
        double t = fcrEffect.degreesOfFreedom() > 0 && Double.isFinite(fcrEffect.degreesOfFreedom())
                ? new TDistribution(fcrEffect.degreesOfFreedom()).inverseCumulativeProbability(0.975)
                : Proportions.Z95;
        double resolvedSe = (fcrEffect.high() - fcrEffect.low()) / (2 * t) * issuesPerMonth;
        double estimate = resolved * perCustomer;
        double se = Math.sqrt(perCustomer * perCustomer * resolvedSe * resolvedSe
                + resolved * resolved * perCustomerSe * perCustomerSe);
        return new CustomerValue(estimate, estimate - Proportions.Z95 * se, estimate + Proportions.Z95 * se);
    }
}
