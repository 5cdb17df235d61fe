package io.cxvalue.reporting.service;

import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.contact.ContactFact;
import io.cxvalue.reporting.contact.ContactRecord;
import io.cxvalue.reporting.contact.CustomerHistory;
import io.cxvalue.reporting.journey.Journeys;
import io.cxvalue.reporting.journey.Journeys.Journey;
import io.cxvalue.reporting.kpi.Dimension;
import io.cxvalue.reporting.kpi.IssueChains;
import io.cxvalue.reporting.repository.ContactRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The journeys of the issues opened in a period (by the opening contact's team, agent, channel, reason, department
 * and campaign): their distribution per reason, and the worst ones with their contacts in order, followed across
 * teams and merged customers.
 */
@ApplicationScoped
public class JourneyService {

    private final KpiQueryService kpis;
    private final ContactRepository contacts;
    private final Duration repeatWindow;

    JourneyService(KpiQueryService kpis, ContactRepository contacts, ReportingConfig config) {
        this.kpis = kpis;
        this.contacts = contacts;
        this.repeatWindow = config.kpi().repeatWindow();
    }

    /** The issues opened in the period, and the worst {@code worst} of them with their contacts. */
    public record Result(List<Journey> opened, List<Journey> worst) {
    }

    public Uni<Result> journeys(Instant from, Instant to, Map<Dimension, Set<String>> filters, Set<String> teams,
            int worst) {
        return kpis.contacts(from, to, filters, teams).chain(records -> {
            List<Journey> opened = new ArrayList<>();
            for (ContactRecord r : records) {
                IssueChains.Role role = r.issue();
                if (role != null && role.opened() != null) {
                    ContactFact f = r.fact();
                    opened.add(new Journey(f.interactionId(), f.customerId(), f.contactReason(), f.startedAt(),
                            role.opened(), List.of()));
                }
            }
            List<Journey> chosen = Journeys.worst(opened, worst);
            return withContacts(chosen).map(detailed -> new Result(opened, detailed));
        });
    }

    /** Each journey with its contacts, from its customer's (or survivor's) history. */
    private Uni<List<Journey>> withContacts(List<Journey> journeys) {
        Set<String> customers = new LinkedHashSet<>();
        journeys.forEach(j -> customers.add(j.customerId()));
        return contacts.customers(customers).chain(histories -> {
            Set<String> survivors = new LinkedHashSet<>();
            histories.values().forEach(h -> {
                if (h.mergedInto() != null) {
                    survivors.add(h.mergedInto());
                }
            });
            return contacts.customers(survivors).map(more -> {
                Map<String, CustomerHistory> all = new HashMap<>(histories);
                all.putAll(more);
                return all;
            });
        }).chain(histories -> {
            Map<String, List<IssueChains.Contact>> chainOf = new HashMap<>();
            Set<String> stepIds = new LinkedHashSet<>();
            for (Journey j : journeys) {
                CustomerHistory h = histories.get(j.customerId());
                if (h != null && h.mergedInto() != null) {
                    h = histories.get(h.mergedInto());
                }
                if (h == null) {
                    continue;
                }
                List<IssueChains.Contact> handled = h.contacts().stream().map(CustomerHistory.Entry::contact)
                        .distinct().toList();
                for (IssueChains.Chain chain : IssueChains.of(handled, repeatWindow, Instant.now())) {
                    if (chain.contacts().get(0).interactionId().equals(j.openingInteractionId())) {
                        chainOf.put(j.openingInteractionId(), chain.contacts());
                        chain.contacts().forEach(c -> stepIds.add(c.interactionId()));
                    }
                }
            }
            return contacts.find(stepIds).map(found -> {
                Map<String, ContactFact> byId = new HashMap<>();
                found.forEach(r -> byId.put(r.fact().interactionId(), r.fact()));
                List<Journey> out = new ArrayList<>();
                for (Journey j : journeys) {
                    List<Journeys.Step> steps = new ArrayList<>();
                    for (IssueChains.Contact c : chainOf.getOrDefault(j.openingInteractionId(), List.of())) {
                        ContactFact f = byId.get(c.interactionId());
                        steps.add(new Journeys.Step(c.interactionId(), c.startedAt(), c.channel(),
                                f == null ? null : f.teamId(), f == null ? null : f.agentId(), c.transfers(),
                                c.resolved()));
                    }
                    out.add(j.withContacts(steps));
                }
                return out;
            });
        });
    }
}
