package io.cxvalue.contracts.events;

/**
 * What the agent is told to do with a caller of an experiment variant; shown on the caller card.
 *
 * @param handling                how to handle the contact
 * @param handleTimeTargetSeconds the handle-time target to aim for, 1..7200 seconds; null for no specific target
 * @param crossSell               whether to make a sales offer; null to leave it to the usual recommendation
 * @param agentMessage            the instruction in words, as the agent reads it (1..500 characters)
 */
public record HandlingInstruction(
        HandlingMode handling,
        Integer handleTimeTargetSeconds,
        CrossSellRule crossSell,
        String agentMessage) {
}
