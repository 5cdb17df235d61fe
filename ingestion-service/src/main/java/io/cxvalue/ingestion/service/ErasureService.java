package io.cxvalue.ingestion.service;

import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.ingestion.Erasure;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.ingestion.OutboxSequence;
import io.cxvalue.ingestion.repository.CustomerRepository;
import io.cxvalue.ingestion.repository.ErasureRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Erases a customer's personal data: here at once, everywhere else through the {@code ErasureRequested} event that
 * every service consuming {@code cx.erasures} answers with {@code ErasureCompleted}.
 */
@ApplicationScoped
public class ErasureService {

    static final String SERVICE = "ingestion-service";

    private final CustomerRepository customers;
    private final CustomerResolver resolver;
    private final ErasureRepository erasures;
    private final OutboxSequence sequence;
    private final Clock clock;

    public ErasureService(CustomerRepository customers, CustomerResolver resolver, ErasureRepository erasures,
            OutboxSequence sequence, Clock clock) {
        this.customers = customers;
        this.resolver = resolver;
        this.erasures = erasures;
        this.sequence = sequence;
        this.clock = clock;
    }

    /** The erasure started, or empty when no such customer exists. */
    public Uni<Optional<Erasure>> request(String customerId) {
        return customers.find(List.of(customerId)).chain(found -> {
            if (!found.containsKey(customerId)) {
                return Uni.createFrom().item(Optional.<Erasure>empty());
            }
            Instant now = clock.instant();
            Erasure erasure = new Erasure(UUID.randomUUID().toString(), customerId, now,
                    Topics.CONSUMERS.get(Topics.ERASURES), Map.of(SERVICE, now));
            List<OutboxEvent> events = List.of(
                    OutboxEvent.of(new ErasureRequested(erasure.erasureId(), customerId, now), now, sequence.next()),
                    OutboxEvent.of(new ErasureCompleted(erasure.erasureId(), customerId, SERVICE, now), now,
                            sequence.next()));
            // Erase first: a crash before the request is stored leaves the data erased and no false confirmation.
            // From the erasure on, records naming the customer are refused (this instance at once, others once their
            // cache of live customers has expired, within a minute).
            resolver.forget(customerId);
            return erasures.erasePersonalData(customerId, now)
                    .invoke(() -> resolver.forget(customerId))
                    .chain(() -> erasures.create(erasure, events))
                    .replaceWith(Optional.of(erasure));
        });
    }

    public Uni<Optional<Erasure>> find(String erasureId) {
        return erasures.find(erasureId);
    }

    /**
     * The services' confirmations, as they arrive on {@code cx.erasures}, in one write.
     *
     * @return how many were new (the rest were repeats)
     */
    public Uni<Integer> confirmAll(List<ErasureCompleted> completed) {
        return erasures.confirmAll(completed.stream()
                .map(c -> new ErasureRepository.Confirmation(c.erasureId(), c.service(), c.completedAt()))
                .toList());
    }
}
