package io.cxvalue.scoring;

import io.cxvalue.scoring.model.cx.InteractionFeatures;

import io.cxvalue.contracts.events.TransactionKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What scoring knows of a customer as of an instant: contact history, survey history and the transaction days the
 * CLV summary is built from. The caller card is built from this.
 *
 * @param customerId    the customer (the survivor, when the id asked for was merged)
 * @param asOf          the instant the state is computed as of
 * @param transactions  the transaction summary; null when not read (the caller card does not need it)
 * @param latestContact what the inferred-CX model reads of the latest contact in the contact window; null when there
 *                      was none
 */
public record CustomerState(
        String customerId,
        Instant asOf,
        ContactHistory contacts,
        SurveyHistory surveys,
        TransactionSummary transactions,
        InteractionFeatures latestContact) {

    public CustomerState {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(contacts, "contacts");
        Objects.requireNonNull(surveys, "surveys");
    }

    /**
     * The customer's transactions as of the instant: counts by kind, the latest purchase, and the transaction days
     * ({@link TransactionDays}) from which the model package computes x, t_x, T and the mean repeat value.
     *
     * @param purchases      purchases that occurred at or before the instant (reversed ones included)
     * @param cancellations  cancellations at or before the instant
     * @param refunds        refunds at or before the instant
     * @param lastPurchaseAt the latest purchase's time, or null
     * @param days           transaction days, oldest first (fully reversed days left out)
     */
    public record TransactionSummary(long purchases, long cancellations, long refunds, Instant lastPurchaseAt,
            List<TransactionDays.Day> days) {

        public TransactionSummary {
            days = List.copyOf(days);
        }

        public static TransactionSummary of(List<CustomerTransaction> transactions, List<TransactionDays.Day> days,
                Instant asOf) {
            List<CustomerTransaction> known = transactions.stream()
                    .filter(t -> !t.occurredAt().isAfter(asOf)).toList();
            return new TransactionSummary(
                    count(known, TransactionKind.PURCHASE),
                    count(known, TransactionKind.CANCELLATION),
                    count(known, TransactionKind.REFUND),
                    known.stream().filter(CustomerTransaction::isPurchase).map(CustomerTransaction::occurredAt)
                            .max(Instant::compareTo).orElse(null),
                    days);
        }

        /** The first transaction day, or null. */
        public LocalDate firstDay() {
            return days.isEmpty() ? null : days.get(0).day();
        }

        /** The latest transaction day, or null. */
        public LocalDate lastDay() {
            return days.isEmpty() ? null : days.get(days.size() - 1).day();
        }

        /** Repeat transaction days: all but the first. */
        public int repeatDays() {
            return Math.max(0, days.size() - 1);
        }

        /** The sum of the days' net values. */
        public BigDecimal netValue() {
            return days.stream().map(TransactionDays.Day::netAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        private static long count(List<CustomerTransaction> transactions, TransactionKind kind) {
            return transactions.stream().filter(t -> t.kind() == kind).count();
        }
    }
}
