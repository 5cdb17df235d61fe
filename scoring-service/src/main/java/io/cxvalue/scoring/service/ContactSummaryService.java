package io.cxvalue.scoring.service;

import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.scoring.ContactLogEntry;
import io.cxvalue.scoring.CustomerContactSummary;
import io.cxvalue.scoring.repository.ContactLogRepository;
import io.cxvalue.scoring.repository.CustomerAliasRepository;
import io.cxvalue.scoring.repository.CustomerContactSummaryRepository;
import io.cxvalue.scoring.repository.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps each customer's contacts up to date from interaction events, exactly once per event: the contact log (one
 * row per interaction, the source of the contact history) and the all-time contact summary.
 */
@ApplicationScoped
public class ContactSummaryService {

    private final CustomerContactSummaryRepository summaries;
    private final ContactLogRepository contactLog;
    private final CustomerAliasRepository aliases;
    private final ProcessedEventRepository processedEvents;

    public ContactSummaryService(CustomerContactSummaryRepository summaries, ContactLogRepository contactLog,
            CustomerAliasRepository aliases, ProcessedEventRepository processedEvents) {
        this.summaries = summaries;
        this.contactLog = contactLog;
        this.aliases = aliases;
        this.processedEvents = processedEvents;
    }

    /**
     * Records an interaction and the event id, in one transaction; an event id seen before changes nothing.
     * <p>
     * The interaction is kept under its customer's survivor when that customer was merged. A new interaction is
     * added to the contact log and counted in the summary; another report of an interaction already in the log
     * (a correction, under a new event id) replaces its log row but is not counted again.
     */
    @WithTransaction
    public Uni<EventOutcome> recordInteraction(String eventId, String topic, InteractionRecorded interaction) {
        return processedEvents.applyOnce(eventId, topic, () -> aliases.lockAndResolve(interaction.customerId())
                .chain(customerId -> contactLog.findById(interaction.interactionId())
                        .chain(known -> {
                            if (known != null) {
                                known.update(interaction, customerId);
                                return Uni.createFrom().voidItem();
                            }
                            return contactLog.persist(ContactLogEntry.of(interaction, customerId))
                                    .chain(() -> addToSummary(forCustomer(interaction, customerId)))
                                    .replaceWithVoid();
                        })));
    }

    private Uni<CustomerContactSummary> addToSummary(InteractionRecorded interaction) {
        String customerId = interaction.customerId();
        return summaries.findById(customerId)
                .map(found -> found != null ? found : CustomerContactSummary.forNewCustomer(customerId))
                .invoke(summary -> summary.record(interaction))
                // Inserts a new summary; for a loaded one it is a no-op and the flush at commit writes the changes.
                .chain(summaries::persist);
    }

    /** The customer's summary (its survivor's, when it was merged), or a null item when no contact was recorded. */
    @WithSession
    public Uni<CustomerContactSummary> findSummary(String customerId) {
        return aliases.survivorOf(customerId).chain(summaries::findById);
    }

    /** The interaction as if it had carried {@code customerId} (its customer's survivor after a merge). */
    private static InteractionRecorded forCustomer(InteractionRecorded i, String customerId) {
        if (customerId.equals(i.customerId())) {
            return i;
        }
        return new InteractionRecorded(i.interactionId(), i.source(), i.externalId(), customerId, i.channel(),
                i.direction(), i.startedAt(), i.queueSeconds(), i.talkSeconds(), i.holdSeconds(),
                i.afterWorkSeconds(), i.abandoned(), i.agentId(), i.teamId(), i.departmentId(), i.contactReason(),
                i.transfers(), i.resolved(), i.sentiment(), i.sale(), i.campaign(), i.experiment());
    }
}
