package io.cxvalue.scoring.service;

import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.consumer.PollConsumer.Applied;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.scoring.ContactLogEntry;
import io.cxvalue.scoring.CustomerContactSummary;
import io.cxvalue.scoring.repository.ConsumedStateRepository;
import io.cxvalue.scoring.repository.CustomerAliasRepository;
import io.cxvalue.scoring.repository.CustomerContactSummaryRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each customer's contacts up to date from interaction events, exactly once per event: the contact log (one
 * row per interaction, the source of the contact history) and the all-time contact summary.
 */
@ApplicationScoped
public class ContactSummaryService {

    private final CustomerContactSummaryRepository summaries;
    private final CustomerAliasRepository aliases;
    private final ConsumedBatches batches;
    private final ConsumedStateRepository state;

    public ContactSummaryService(CustomerContactSummaryRepository summaries, CustomerAliasRepository aliases,
            ConsumedBatches batches, ConsumedStateRepository state) {
        this.summaries = summaries;
        this.aliases = aliases;
        this.batches = batches;
        this.state = state;
    }

    /**
     * Records a poll of interactions in one transaction, exactly once per event: the latest report of each
     * interaction in the log (kept under its customer's survivor when that customer was merged), and the interactions
     * new to the log counted in their customers' summaries (a correction, under a new event id, replaces its log row
     * but is not counted again).
     */
    public Uni<Applied> recordInteractions(String topic, List<ReceivedEvent<InteractionRecorded>> events) {
        return batches.applyOnce(topic, events, InteractionRecorded::customerId, (connection, fresh, survivors) -> {
            Collection<ContactLogEntry> latest = ConsumedBatches.latestById(fresh, InteractionRecorded::interactionId,
                    i -> ContactLogEntry.of(i, survivors.get(i.customerId())));
            return state.upsertContacts(connection, latest).chain(inserted -> {
                Map<String, CustomerContactSummary> added = new LinkedHashMap<>();
                for (ContactLogEntry contact : latest) {
                    if (inserted.contains(contact.interactionId())) {
                        added.computeIfAbsent(contact.customerId(), CustomerContactSummary::forNewCustomer)
                                .record(contact);
                    }
                }
                return state.addToSummaries(connection, added.values());
            });
        });
    }

    /** The customer's summary (its survivor's, when it was merged), or a null item when no contact was recorded. */
    @WithSession
    public Uni<CustomerContactSummary> findSummary(String customerId) {
        return aliases.survivorOf(customerId).chain(summaries::findById);
    }
}
