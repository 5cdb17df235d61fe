package io.cxvalue.reporting.service;

import io.cxvalue.reporting.contact.ContactRecord;
import io.cxvalue.reporting.contact.CustomerHistory;
import io.cxvalue.reporting.crosssell.CrossSellAnalysis;
import io.cxvalue.reporting.crosssell.SaleOutcome;
import io.cxvalue.reporting.repository.ContactRepository;
import io.cxvalue.reporting.repository.SalesRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cross-sell timing: the sales accepted in contacts of a period whose window has passed, which of them were cancelled
 * or refunded within it and how that depends on the contact ({@link CrossSellAnalysis}), and the contacts the
 * cancelled ones cost: the customer's handled contacts after the sale up to an hour after its first cancellation
 * (the calls that led to it and the one that made it).
 */
@ApplicationScoped
public class CrossSellService {

    /** A contact this long after the cancellation still counts as the one that made it. */
    static final Duration CANCELLATION_CALL_SLACK = Duration.ofHours(1);

    private final SalesRepository sales;
    private final ContactRepository contacts;

    CrossSellService(SalesRepository sales, ContactRepository contacts) {
        this.sales = sales;
        this.contacts = contacts;
    }

    /**
     * The analysis and what it rests on.
     *
     * @param immature             sales in the period whose window has not passed yet (left out)
     * @param cancellationContacts contacts of the customers between their sales and the cancellations
     */
    public record Report(CrossSellAnalysis.Result analysis, long immature, long cancellationContacts) {
    }

    public Uni<Report> analyse(Set<String> teams, Instant from, Instant to, Duration window, Instant asOf) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from.atZone(ZoneOffset.UTC));
                !m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(to.minusNanos(1));
                m = m.plusMonths(1)) {
            months.add(m);
        }
        return sales.read(teams, months).chain(all -> {
            List<SaleOutcome> matured = new ArrayList<>();
            long immature = 0;
            for (SaleOutcome s : all) {
                if (s.startedAt().isBefore(from) || !s.startedAt().isBefore(to)) {
                    continue;
                }
                if (s.startedAt().plus(window).isAfter(asOf)) {
                    immature++;
                } else {
                    matured.add(s);
                }
            }
            CrossSellAnalysis.Result result = CrossSellAnalysis.analyse(matured, window);
            long late = immature;
            return cancellationContacts(matured, window).map(n -> new Report(result, late, n));
        });
    }

    /** The customers' handled contacts after each cancelled sale up to its first cancellation (and the slack). */
    private Uni<Long> cancellationContacts(List<SaleOutcome> matured, Duration window) {
        Map<String, SaleOutcome> cancelled = new HashMap<>();
        for (SaleOutcome s : matured) {
            if (s.cancelledWithin(window) != null) {
                cancelled.put(s.interactionId(), s);
            }
        }
        if (cancelled.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return contacts.find(cancelled.keySet()).chain(records -> {
            Map<String, String> customerOf = new HashMap<>();
            for (ContactRecord r : records) {
                customerOf.put(r.fact().interactionId(), r.fact().customerId());
            }
            return histories(new LinkedHashSet<>(customerOf.values())).map(histories -> {
                long count = 0;
                for (SaleOutcome s : cancelled.values()) {
                    CustomerHistory h = histories.get(customerOf.get(s.interactionId()));
                    if (h == null) {
                        continue;
                    }
                    Instant until = s.cancelledWithin(window).occurredAt().plus(CANCELLATION_CALL_SLACK);
                    count += h.contacts().stream().map(CustomerHistory.Entry::contact).distinct()
                            .filter(c -> !c.interactionId().equals(s.interactionId())
                                    && c.startedAt().isAfter(s.startedAt()) && !c.startedAt().isAfter(until))
                            .count();
                }
                return count;
            });
        });
    }

    /** Each customer's history, a merged customer's being its survivor's. */
    private Uni<Map<String, CustomerHistory>> histories(Set<String> customerIds) {
        return contacts.customers(customerIds).chain(found -> {
            Set<String> survivors = new LinkedHashSet<>();
            found.values().forEach(h -> {
                if (h.mergedInto() != null) {
                    survivors.add(h.mergedInto());
                }
            });
            return contacts.customers(survivors).map(more -> {
                Map<String, CustomerHistory> out = new HashMap<>();
                found.forEach((id, h) -> out.put(id, h.mergedInto() == null ? h : more.get(h.mergedInto())));
                return out;
            });
        });
    }
}
