package io.cxvalue.ingestion.service;

import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.contracts.events.CustomerUpserted;
import io.cxvalue.ingestion.AcceptResult;
import io.cxvalue.ingestion.Customer;
import io.cxvalue.ingestion.CustomerProfile;
import io.cxvalue.ingestion.CustomerReference;
import io.cxvalue.ingestion.OutboxSequence;
import io.cxvalue.ingestion.messaging.OutboxRelay;
import io.cxvalue.ingestion.repository.CustomerProfileRepository;
import io.cxvalue.ingestion.repository.CustomerProfileRepository.StoredProfile;
import io.cxvalue.ingestion.repository.CustomerRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies customer profiles from CRMs: the identities are resolved like those of any record (found, linked, merged),
 * the display name and attributes are set on the customer, and {@code CustomerUpserted} carries the whole profile
 * downstream. A CRM record (source, externalId) that says nothing new is a duplicate and publishes nothing.
 */
@ApplicationScoped
public class CustomerProfileService {

    private final CustomerProfileRepository profiles;
    private final CustomerRepository customers;
    private final CustomerResolver resolver;
    private final OutboxRelay relay;
    private final OutboxSequence sequence;
    private final Clock clock;
    private final MeterRegistry registry;

    public CustomerProfileService(CustomerProfileRepository profiles, CustomerRepository customers,
            CustomerResolver resolver, OutboxRelay relay, OutboxSequence sequence, Clock clock,
            MeterRegistry registry) {
        this.profiles = profiles;
        this.customers = customers;
        this.resolver = resolver;
        this.relay = relay;
        this.sequence = sequence;
        this.clock = clock;
        this.registry = registry;
    }

    /** The customer the profile belongs to, ACCEPTED when it changed anything, DUPLICATE when it did not. */
    public Uni<AcceptResult> upsert(CustomerProfile profile) {
        String contentHash = profile.contentHash();
        return profiles.find(profile.source(), profile.externalId())
                .chain(stored -> stored.filter(found -> found.contentHash().equals(contentHash)).isPresent()
                        ? Uni.createFrom().item(AcceptResult.duplicate(stored.get().customerId()))
                        : apply(profile, contentHash, stored))
                .invoke(result -> {
                    registry.counter("cx.ingestion.records", "kind", "customer_profile",
                            "result", result.status().name().toLowerCase()).increment();
                    if (result.status() == AcceptResult.Status.ACCEPTED) {
                        relay.wake();
                    }
                });
    }

    /**
     * The customer first (its profile and event in one write), the record's digest last: a crash in between makes
     * the resubmission apply again (an event too many, never one too few).
     */
    private Uni<AcceptResult> apply(CustomerProfile profile, String contentHash, Optional<StoredProfile> stored) {
        String named = profile.customerId() != null ? profile.customerId()
                : stored.map(StoredProfile::customerId).orElse(null);
        return resolver.resolve(new CustomerReference(named, profile.identities()))
                .chain(resolved -> customers.identitiesOf(resolved.customerId()).chain(identities -> {
                    Instant now = clock.instant();
                    OutboxEvent upserted = OutboxEvent.of(new CustomerUpserted(resolved.customerId(),
                            profile.displayName(), identities, profile.attributes(), now), now, sequence.next());
                    return customers.updateProfile(resolved.customerId(), profile.displayName(),
                                    profile.attributes(), now, List.of(upserted))
                            .chain(() -> profiles.save(profile.source(), profile.externalId(),
                                    resolved.customerId(), contentHash, now))
                            .replaceWith(AcceptResult.accepted(resolved.customerId()));
                }));
    }

    public Uni<Optional<Customer>> find(String customerId) {
        return customers.customer(customerId);
    }
}
