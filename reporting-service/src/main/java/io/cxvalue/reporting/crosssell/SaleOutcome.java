package io.cxvalue.reporting.crosssell;

import io.cxvalue.reporting.contact.ContactRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A sale accepted in a contact, with what the contact was like and what became of the sale: the contact's sentiment,
 * resolution, whether it continued an issue (a repeat contact), its CSAT when answered, and the cancellations or
 * refunds of the sale. Plain Java.
 *
 * @param sentiment     -1..1, null when not measured
 * @param resolved      whether the agent marked the contact resolved, null when not recorded
 * @param repeat        whether the contact continued an issue, null before the chains are known
 * @param csat          the latest CSAT answer about the contact (1-5), null when none
 * @param cancellations when each cancellation or refund of the sale happened, and its amount
 */
public record SaleOutcome(String interactionId, String customerId, Instant startedAt, Double sentiment,
        Boolean resolved, Boolean repeat, Integer csat, double amount, String currency,
        List<Cancellation> cancellations) {

    public SaleOutcome {
        cancellations = List.copyOf(cancellations);
    }

    /** A cancellation or refund of the sale. */
    public record Cancellation(Instant occurredAt, double amount) {
    }

    /** The outcome of the sale in {@code contact} (which must have an accepted sale). */
    public static SaleOutcome of(ContactRecord contact) {
        var f = contact.fact();
        Integer csat = contact.surveys().stream().filter(s -> s.csat() != null)
                .max(Comparator.comparing(ContactRecord.Survey::respondedAt)).map(ContactRecord.Survey::csat)
                .orElse(null);
        return new SaleOutcome(f.interactionId(), f.customerId(), f.startedAt(), f.sentiment(), f.resolved(),
                contact.issue() == null ? null : contact.issue().repeat(), csat,
                f.saleAmount() == null ? 0 : f.saleAmount(), f.saleCurrency(),
                contact.cancellations().stream().map(c -> new Cancellation(c.occurredAt(), c.amount())).toList());
    }

    /** The first cancellation within {@code window} of the sale, null when none. */
    public Cancellation cancelledWithin(Duration window) {
        Instant limit = startedAt.plus(window);
        return cancellations.stream().filter(c -> !c.occurredAt().isAfter(limit))
                .min(Comparator.comparing(Cancellation::occurredAt)).orElse(null);
    }

    /** The amount cancelled or refunded within {@code window} (at most the sale's amount). */
    public double amountCancelledWithin(Duration window) {
        Instant limit = startedAt.plus(window);
        double sum = cancellations.stream().filter(c -> !c.occurredAt().isAfter(limit))
                .mapToDouble(Cancellation::amount).sum();
        return Math.min(sum, amount);
    }
}
