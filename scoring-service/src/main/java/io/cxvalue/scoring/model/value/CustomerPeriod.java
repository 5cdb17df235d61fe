package io.cxvalue.scoring.model.value;

import java.util.EnumMap;
import java.util.Map;

/**
 * One customer's period: the contact experiences in it, the controls measured before it, and what the customer did
 * in the period after it.
 *
 * @param customerId     the customer (the survivor of any merge)
 * @param experiences    each experience the customer had in the period, with the contact reason of the first
 *                       contact that had it ("" when that contact had no reason)
 * @param mainChannel    the channel of most of the period's contacts
 * @param mainReason     the contact reason of most of the period's contacts, or null when none had one
 * @param periodContacts the period's contacts, &ge; 1
 * @param priorContacts  contacts in the period of the same length before it
 * @param tenureDays     days from the first purchase to the period's start (0 when the first was in the period)
 * @param priorSpend     net spend (purchases less cancellations and refunds) in the year before the period
 * @param retained       whether the customer bought again in the next period
 * @param nextSpend      net spend in the next period
 * @param clv            the customer's lifetime value as last scored, or null when not scored
 */
public record CustomerPeriod(String customerId, Map<Experience, String> experiences, String mainChannel,
        String mainReason, int periodContacts, int priorContacts, double tenureDays, double priorSpend,
        boolean retained, double nextSpend, Double clv) {

    public CustomerPeriod {
        experiences = experiences.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(experiences));
    }

    public boolean had(Experience experience) {
        return experiences.containsKey(experience);
    }
}
