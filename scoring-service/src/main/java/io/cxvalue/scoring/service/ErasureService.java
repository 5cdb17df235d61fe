package io.cxvalue.scoring.service;

import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.scoring.repository.CustomerContactSummaryRepository;
import io.cxvalue.scoring.repository.OutboxRepository;
import io.cxvalue.scoring.repository.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Erases a customer's data on request (GDPR right to erasure) and confirms it with an {@link ErasureCompleted} event,
 * exactly once per request event.
 */
@ApplicationScoped
public class ErasureService {

    /** The {@code service} this service names itself by in its confirmations. */
    public static final String SERVICE = "scoring-service";

    /** What handling an erasure request did. */
    public enum Outcome {
        /** The customer's data was deleted and the confirmation stored in the outbox. */
        ERASED,
        /** The request event was handled before (a redelivery); nothing changed. */
        DUPLICATE
    }

    private final CustomerContactSummaryRepository summaries;
    private final ProcessedEventRepository processedEvents;
    private final OutboxRepository outbox;

    public ErasureService(CustomerContactSummaryRepository summaries, ProcessedEventRepository processedEvents,
            OutboxRepository outbox) {
        this.summaries = summaries;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
    }

    /**
     * Deletes every row scoring keeps about the customer (the contact summary; its per-channel rows go with it) and,
     * in the same transaction, records the event id and stores the confirmation in the outbox: the confirmation is
     * published if and only if the erasure committed. A customer with no data still gets a confirmation.
     */
    @WithTransaction
    public Uni<Outcome> erase(String eventId, ErasureRequested request) {
        return processedEvents.isProcessed(eventId).chain(processed -> processed
                ? Uni.createFrom().item(Outcome.DUPLICATE)
                : processedEvents.markProcessed(eventId, Topics.ERASURES)
                        .chain(() -> summaries.deleteCustomer(request.customerId()))
                        .chain(() -> {
                            Instant now = now();
                            return outbox.add(new ErasureCompleted(request.erasureId(), request.customerId(),
                                    SERVICE, now), now);
                        })
                        .replaceWith(Outcome.ERASED));
    }

    // Whole milliseconds, well within what PostgreSQL stores: ce_time read back from the outbox equals completedAt.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
