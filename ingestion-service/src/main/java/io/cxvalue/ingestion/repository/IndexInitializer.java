package io.cxvalue.ingestion.repository;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * Creates the indexes the service relies on before it takes traffic: the unique (source, externalId) index is what
 * makes a resubmission a duplicate, so the service must not accept a record without it.
 */
@ApplicationScoped
public class IndexInitializer {

    private final InteractionRepository interactions;
    private final OutboxRepository outbox;
    private final CustomerRepository customers;
    private final CustomerProfileRepository profiles;
    private final VerbatimRepository verbatims;

    public IndexInitializer(InteractionRepository interactions, OutboxRepository outbox,
            CustomerRepository customers, CustomerProfileRepository profiles, VerbatimRepository verbatims) {
        this.interactions = interactions;
        this.outbox = outbox;
        this.customers = customers;
        this.profiles = profiles;
        this.verbatims = verbatims;
    }

    void onStart(@Observes StartupEvent event) {
        interactions.ensureIndexes()
                .chain(outbox::ensureIndexes)
                .chain(customers::ensureIndexes)
                .chain(profiles::ensureIndexes)
                .chain(verbatims::ensureIndexes)
                .await().atMost(Duration.ofSeconds(60));
    }
}
