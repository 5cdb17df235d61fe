package io.cxvalue.scoring;

import io.cxvalue.contracts.events.TransactionKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A customer's transaction days as of an instant: the input of the CLV transaction summary (repeat transactions x,
 * recency t_x, age T and mean repeat value are computed from these days by the model package, not here).
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li><b>Point in time.</b> Only transactions that occurred at or before {@code asOf} count, cancellations and
 *       refunds included: the days are what was known at that instant.</li>
 *   <li><b>Days.</b> A transaction's day is its {@code occurredAt} in the business time zone. All purchases of a day
 *       are one transaction day, worth the sum of their amounts.</li>
 *   <li><b>Cancellations and refunds</b> are treated alike: each reverses its (positive) amount; a cancellation usually
 *       carries the full amount of the purchase, a refund all or part of it.
 *     <ul>
 *       <li>With {@code cancelsTransactionId} naming a purchase of the customer that counts (rule 1), the amount is
 *           taken off that purchase's day, never more than what is left of that purchase.</li>
 *       <li>With {@code cancelsTransactionId} naming anything else (a purchase scoring never saw, one made after
 *           {@code asOf}, a non-purchase), it changes nothing: the purchase it reverses is not in the history.</li>
 *       <li>Without {@code cancelsTransactionId}, the amount is taken off the customer's most recent purchase day at
 *           or before the reversal (the day of the latest purchase that occurred at or before it); with no such
 *           purchase, it changes nothing.</li>
 *       <li>A day's value never goes below zero. Reversals are applied in the order they occurred.</li>
 *     </ul></li>
 *   <li><b>Fully reversed days</b> (reversals reached the day's purchases) are dropped, as if the purchase never
 *       happened; a partly reversed day keeps its net value. A day of free purchases only (amount 0, no reversal)
 *       counts, worth 0.</li>
 * </ol>
 * Amounts are summed as given: the customer's transactions are assumed to share one currency.
 */
public final class TransactionDays {

    /** One transaction day: the sum of the day's purchases, what was reversed of them, and the net value. */
    public record Day(LocalDate day, int purchases, BigDecimal purchased, BigDecimal reversed) {

        public Day {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(purchased, "purchased");
            Objects.requireNonNull(reversed, "reversed");
        }

        /** The day's value after cancellations and refunds; positive, or zero for a day of free purchases. */
        public BigDecimal netAmount() {
            return purchased.subtract(reversed);
        }
    }

    private TransactionDays() {
    }

    /**
     * The customer's transaction days as of {@code asOf}, oldest first, by the rules above.
     *
     * @param transactions the customer's transactions (any order; those after {@code asOf} are left out here)
     * @param zone         the business time zone that decides which day a transaction belongs to
     */
    public static List<Day> of(List<CustomerTransaction> transactions, Instant asOf, ZoneId zone) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(zone, "zone");
        List<CustomerTransaction> known = transactions.stream()
                .filter(t -> !t.occurredAt().isAfter(asOf))
                .sorted(Comparator.comparing(CustomerTransaction::occurredAt)
                        .thenComparing(CustomerTransaction::transactionId))
                .toList();

        TreeMap<LocalDate, Accumulator> days = new TreeMap<>();
        Map<String, Remaining> purchases = new HashMap<>();
        for (CustomerTransaction t : known) {
            if (t.isPurchase()) {
                LocalDate day = t.occurredAt().atZone(zone).toLocalDate();
                days.computeIfAbsent(day, d -> new Accumulator()).add(t.amount());
                purchases.put(t.transactionId(), new Remaining(day, t.amount()));
            }
        }
        // Purchases occurring after a reversal cannot be its target: walk in time order and track the latest purchase.
        CustomerTransaction latestPurchase = null;
        for (CustomerTransaction t : known) {
            if (t.isPurchase()) {
                latestPurchase = t;
                continue;
            }
            if (t.kind() != TransactionKind.CANCELLATION && t.kind() != TransactionKind.REFUND) {
                continue;
            }
            if (t.cancelsTransactionId() != null) {
                Remaining target = purchases.get(t.cancelsTransactionId());
                if (target != null) {
                    Accumulator day = days.get(target.day);
                    BigDecimal taken = min(t.amount(), target.left, day.left());
                    target.left = target.left.subtract(taken);
                    day.reverse(taken);
                }
            } else if (latestPurchase != null) {
                Accumulator day = days.get(latestPurchase.occurredAt().atZone(zone).toLocalDate());
                day.reverse(min(t.amount(), day.left()));
            }
        }

        List<Day> result = new ArrayList<>();
        days.forEach((day, acc) -> {
            boolean fullyReversed = acc.reversals > 0 && acc.left().signum() <= 0;
            if (!fullyReversed) {
                result.add(new Day(day, acc.purchases, acc.purchased, acc.reversed));
            }
        });
        return List.copyOf(result);
    }

    private static BigDecimal min(BigDecimal first, BigDecimal... others) {
        BigDecimal min = first;
        for (BigDecimal other : others) {
            min = min.min(other);
        }
        return min.max(BigDecimal.ZERO);
    }

    private static final class Accumulator {
        int purchases;
        int reversals;
        BigDecimal purchased = BigDecimal.ZERO;
        BigDecimal reversed = BigDecimal.ZERO;

        void add(BigDecimal amount) {
            purchases++;
            purchased = purchased.add(amount);
        }

        void reverse(BigDecimal amount) {
            reversals++;
            reversed = reversed.add(amount);
        }

        BigDecimal left() {
            return purchased.subtract(reversed);
        }
    }

    private static final class Remaining {
        final LocalDate day;
        BigDecimal left;

        Remaining(LocalDate day, BigDecimal left) {
            this.day = day;
            this.left = left;
        }
    }
}
