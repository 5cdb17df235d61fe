package io.cxvalue.contracts.events;

/** Whether the agent is told to make a sales offer to a caller in an experiment variant. */
public enum CrossSellRule {
    /** Offer a relevant product or upgrade during the contact. */
    OFFER,
    /** Make no sales offer during the contact. */
    AVOID
}
