package io.cxvalue.scoring.model.value;

import java.time.Instant;
import java.util.List;

/**
 * What moves customer value: which contact experiences change whether customers buy again and what they spend,
 * holding the other factors constant, and the lifetime value each puts at stake per month.
 *
 * @param period      the periods compared
 * @param fit         the models' sizes and fit
 * @param drivers     the contact experiences, largest value at stake first (largest retention change when no
 *                    customer has a lifetime value yet)
 * @param factors     the channel, contact reason and control coefficients the drivers are held against
 * @param assumptions what the estimates assume, in words
 * @param currency    the currency of every amount
 */
public record ValueDriverReport(Period period, Fit fit, List<Driver> drivers, List<Factor> factors,
        List<String> assumptions, String currency) {

    public ValueDriverReport {
        drivers = List.copyOf(drivers);
        factors = List.copyOf(factors);
        assumptions = List.copyOf(assumptions);
    }

    /**
     * @param experienceFrom the period whose contacts are analysed starts
     * @param outcomeFrom    it ends, and the next period (what customers did) starts
     * @param outcomeTo      the next period ends (exclusive)
     * @param months         each period's length in months
     */
    public record Period(Instant experienceFrom, Instant outcomeFrom, Instant outcomeTo, int months) {
    }

    /**
     * @param customers          customers in the analysis (had a contact in the period and had bought before its end)
     * @param analysed           customers the models were fitted on (a random sample when there were more than the
     *                           cap)
     * @param retained           analysed customers who bought again in the next period
     * @param logLikelihood      the retention model's log-likelihood
     * @param nullLogLikelihood  the log-likelihood of the retained share alone
     * @param mcFaddenR2         1 - logLikelihood / nullLogLikelihood
     * @param converged          whether the retention fit converged
     * @param spendModelFitted   whether the spend model could be fitted (enough buyers, no constant column)
     * @param spendRSquared      the spend model's R squared, or null
     * @param customersWithClv   analysed customers with a scored lifetime value
     */
    public record Fit(long customers, int analysed, int retained, double logLikelihood, double nullLogLikelihood,
            double mcFaddenR2, boolean converged, boolean spendModelFitted, Double spendRSquared,
            int customersWithClv) {
    }

    /** An estimate and its 95 % interval. */
    public record Estimate(double estimate, double low, double high) {

        /** Whether the interval excludes {@code value}. */
        public boolean excludes(double value) {
            return low > value || high < value;
        }
    }

    /**
     * One contact experience.
     *
     * @param experience         which
     * @param definition         what counts, in words
     * @param customers          analysed customers who had it
     * @param customersPerMonth  customers who have it per month (of all in the analysis, not only the sample)
     * @param oddsRatio          odds of buying again with it against without, the rest held constant
     * @param retentionChange    the average change in the probability of buying again it caused among those who
     *                           had it, in percentage points (negative: fewer bought again)
     * @param spendChange        among customers who bought again, the change in what they spent in the next period;
     *                           null without a spend model
     * @param valueAtStake       lifetime value lost per month through the retention change (negative: gained);
     *                           null when no customer has a lifetime value
     * @param byContactReason    where it happens: customers per month and value at stake by the contact reason of
     *                           the contact that had it, largest first
     * @param sentence           the finding in words
     */
    public record Driver(Experience experience, String definition, int customers, double customersPerMonth,
            Estimate oddsRatio, Estimate retentionChange, Estimate spendChange, Estimate valueAtStake,
            List<ReasonShare> byContactReason, String sentence) {

        public Driver {
            byContactReason = List.copyOf(byContactReason);
        }
    }

    /**
     * @param contactReason     the reason ("" for contacts without one)
     * @param customersPerMonth customers per month who had the experience in a contact about it
     * @param valueAtStake      their share of the value at stake per month; null without lifetime values
     */
    public record ReasonShare(String contactReason, double customersPerMonth, Double valueAtStake) {
    }

    /** What a factor is. */
    public enum FactorKind {
        CHANNEL, CONTACT_REASON, VALUE_TIER, CONTROL
    }

    /**
     * A coefficient the drivers are held against.
     *
     * @param kind        what it is
     * @param name        the level ("CHAT") or the control ("log(1 + prior spend)")
     * @param reference   the level it is compared with, or null for a continuous control
     * @param customers   analysed customers at this level; for a control, all
     * @param oddsRatio   odds of buying again at this level against the reference, or per unit of the control
     * @param spendChange change in next-period spend of those who bought again; null without a spend model
     */
    public record Factor(FactorKind kind, String name, String reference, int customers, Estimate oddsRatio,
            Estimate spendChange) {
    }
}
