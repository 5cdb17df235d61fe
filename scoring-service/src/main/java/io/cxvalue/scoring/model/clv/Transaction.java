package io.cxvalue.scoring.model.clv;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of a customer's transaction log as the summary builder reads it.
 *
 * <p>{@code date} is the (local, business-calendar) day of the purchase. A {@link Kind#REFUND} entry reverses all or
 * part of a purchase and carries the date of the purchase it reverses, not the date the refund was issued, so that
 * the builder can net it against that purchase day (see {@link RfmSummaryBuilder} for the rules). A cancellation is a
 * refund of the full amount. {@code amount} is never negative: the kind gives the sign.
 *
 * @param date   purchase day (for a refund: the day of the purchase it reverses)
 * @param amount non-negative monetary amount
 * @param kind   purchase or refund/cancellation
 */
public record Transaction(LocalDate date, double amount, Kind kind) {

    /** Whether an entry adds to or takes from its purchase day. */
    public enum Kind {
        PURCHASE,
        /** A refund or cancellation of (part of) a purchase made on {@link Transaction#date()}. */
        REFUND
    }

    public Transaction {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("amount must be a finite non-negative number: " + amount);
        }
    }

    public static Transaction purchase(LocalDate date, double amount) {
        return new Transaction(date, amount, Kind.PURCHASE);
    }

    /** A refund or cancellation of {@code amount} of the purchase made on {@code purchaseDate}. */
    public static Transaction refund(LocalDate purchaseDate, double amount) {
        return new Transaction(purchaseDate, amount, Kind.REFUND);
    }

    /** The amount with its sign: positive for a purchase, negative for a refund. */
    public double signedAmount() {
        return kind == Kind.PURCHASE ? amount : -amount;
    }
}
