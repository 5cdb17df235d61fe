package io.cxvalue.contracts.events;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.Topics;

import java.time.Instant;
import java.util.List;

/**
 * An analysis of what moves customer value, as scoring-service ran it: per contact experience, how many customers
 * have it per month and the lifetime value it puts at stake per month (what reporting prices a process change's
 * effect on customers with). Published on {@link Topics#VALUE_DRIVERS}, keyed by {@code analysisId}: about no one
 * customer.
 *
 * @param outcomeTo the end of the period whose purchases were the outcome
 * @param months    each period's length in months
 * @param currency  the currency of every amount
 */
public record ValueDriversAnalysed(String analysisId, Instant analysedAt, Instant outcomeTo, int months,
        String currency, List<Driver> drivers) implements CxEvent {

    public ValueDriversAnalysed {
        drivers = List.copyOf(drivers);
    }

    /**
     * One experience.
     *
     * @param experience        UNRESOLVED, REPEAT_CONTACT, TRANSFERRED, LONG_WAIT, ABANDONED, NEGATIVE_SENTIMENT or
     *                          LOW_CSAT
     * @param customersPerMonth customers who have it per month
     * @param retentionChange   the change in the probability of buying again it caused among them, in points
     * @param valueAtStake      lifetime value lost per month through it (negative: gained), with its 95 % interval;
     *                          null when no customer had a lifetime value
     */
    public record Driver(String experience, double customersPerMonth, double retentionChange, Double valueAtStake,
            Double valueAtStakeLow, Double valueAtStakeHigh) {
    }

    @Override
    public String customerId() {
        return null;
    }

    @Override
    public String key() {
        return analysisId;
    }
}
