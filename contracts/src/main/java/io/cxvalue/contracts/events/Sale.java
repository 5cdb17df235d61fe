package io.cxvalue.contracts.events;

import java.math.BigDecimal;

/** A sale offered during an interaction, and whether the customer took it. */
public record Sale(boolean offered, boolean accepted, String productId, BigDecimal amount, String currency) {
}
