package io.cxvalue.contracts.events;

import java.util.List;

/**
 * Which contacts can expose a customer to an experiment: a contact is eligible when it matches every list. An empty
 * list means "any"; in an event the lists are never null (an unrestricted dimension is an empty list).
 *
 * @param channels       the channels of eligible contacts
 * @param contactReasons the contact reasons of eligible contacts (as in {@link InteractionRecorded#contactReason()})
 * @param teams          the teams handling eligible contacts (as in {@link InteractionRecorded#teamId()})
 * @param valueTiers     the customer value tiers eligible (as in {@link CustomerScored#valueTier()})
 */
public record Eligibility(
        List<Channel> channels,
        List<String> contactReasons,
        List<String> teams,
        List<String> valueTiers) {

    /** Whether a customer of this value tier (null: never scored) is eligible. */
    public boolean admitsValueTier(String valueTier) {
        return admits(valueTiers, valueTier);
    }

    /** Whether the contact's channel, reason and team are eligible (its customer's tier aside). */
    public boolean admitsContact(Channel channel, String contactReason, String teamId) {
        return admits(channels, channel) && admits(contactReasons, contactReason) && admits(teams, teamId);
    }

    /** An empty list admits every value; otherwise the value must be listed (a missing value is not). */
    private static <T> boolean admits(List<T> allowed, T value) {
        return allowed.isEmpty() || value != null && allowed.contains(value);
    }
}
