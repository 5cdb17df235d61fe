package io.cxvalue.contracts.events;

/** What a transaction did to the customer's spend. */
public enum TransactionKind {
    PURCHASE, CANCELLATION, REFUND
}
