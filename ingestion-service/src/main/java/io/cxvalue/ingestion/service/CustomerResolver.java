package io.cxvalue.ingestion.service;

import io.cxvalue.contracts.identity.IdentityNormalizer;
import io.cxvalue.contracts.events.CustomerUpserted;
import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.Identity;
import io.cxvalue.contracts.events.IdentityLinked;
import io.cxvalue.ingestion.CustomerReference;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.ingestion.OutboxSequence;
import io.cxvalue.ingestion.ResolvedCustomer;
import io.cxvalue.ingestion.repository.CustomerRepository;
import io.cxvalue.ingestion.repository.CustomerRepository.StoredCustomer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the customer a record belongs to. A record names its customer by id, by identities, or both:
 * <ul>
 * <li>identities nobody owns yet create a customer (or are linked to the named one), announced by
 * {@code CustomerUpserted} or {@code IdentityLinked};</li>
 * <li>identities that belong to different customers prove those customers are one person: all are merged into one
 * survivor (the named customer, else the oldest), announced by {@code CustomersMerged} so downstream services
 * combine their state.</li>
 * </ul>
 * A customer whose personal data was erased is not resolved to: a record naming it by id is refused
 * ({@link ErasedCustomerException}), since storing it would start new data about that person under the id.
 * <p>
 * MongoDB offers no multi-document transactions here, so every step is a single-document write that is safe to
 * repeat: an identity is claimed by a unique insert, a merge is a conditional update that carries its event, and a
 * resolution that loses a race to a concurrent one simply starts again.
 */
@ApplicationScoped
public class CustomerResolver {

    /** Chains of merges are followed this far; a longer chain means corrupt data, not a legitimate history. */
    private static final int MAX_MERGE_DEPTH = 16;
    private static final int MAX_ATTEMPTS = 5;
    /** Resolutions of one batch in flight at once: enough to hide round trips, few enough to rarely race. */
    private static final int RESOLUTION_CONCURRENCY = 8;

    private final CustomerRepository customers;
    private final OutboxSequence sequence;
    private final Clock clock;
    /**
     * Ids of customers seen to exist and not to be merged, for a short while: channel systems name the same
     * customers over and over, and a batch of records by id then needs no store lookup. A merge done by another
     * instance is seen here at the latest when the entry expires; records stored meanwhile under the merged id are
     * folded into the survivor downstream, like every record of a merged customer.
     */
    private final Cache<String, Boolean> live = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(Duration.ofSeconds(60))
            .build();

    public CustomerResolver(CustomerRepository customers, OutboxSequence sequence, Clock clock) {
        this.customers = customers;
        this.sequence = sequence;
        this.clock = clock;
    }

    public Uni<ResolvedCustomer> resolve(CustomerReference reference) {
        return attempt(reference, 1);
    }

    /** A record names a customer whose personal data was erased: nothing is stored about them any more. */
    public static final class ErasedCustomerException extends RuntimeException {

        private final String customerId;

        public ErasedCustomerException(String customerId) {
            super("customer " + customerId + " was erased");
            this.customerId = customerId;
        }

        public String customerId() {
            return customerId;
        }
    }

    /** What a batch's references resolved to, and those that name an erased customer. */
    public record Resolutions(Map<CustomerReference, String> customerIds, Set<CustomerReference> erased) {
    }

    /** Forgets that the customer was seen alive: it is being erased. */
    public void forget(String customerId) {
        live.invalidate(customerId);
    }

    /**
     * Resolves the references of a batch: each distinct one once. References by id alone, the common case for
     * channel systems that know the customer, are settled with one read (and one bulk insert for new ids); the
     * others go through {@link #resolve} a few at a time.
     *
     * @return the customer id of every reference but those that name an erased customer
     */
    public Uni<Resolutions> resolveAll(Collection<CustomerReference> references) {
        Set<CustomerReference> distinct = new LinkedHashSet<>(references);
        Map<CustomerReference, String> resolved = new ConcurrentHashMap<>();
        Set<CustomerReference> erased = ConcurrentHashMap.newKeySet();
        Set<String> byIdOnly = new LinkedHashSet<>();
        for (CustomerReference reference : distinct) {
            if (reference.identities().isEmpty()) {
                if (live.getIfPresent(reference.customerId()) != null) {
                    resolved.put(reference, reference.customerId());
                } else {
                    byIdOnly.add(reference.customerId());
                }
            }
        }
        distinct.removeAll(resolved.keySet());
        return customers.find(byIdOnly).chain(found -> {
            Instant now = clock.instant();
            Map<String, List<OutboxEvent>> created = new LinkedHashMap<>();
            byIdOnly.stream().filter(id -> !found.containsKey(id)).forEach(id -> created.put(id,
                    List.of(event(new CustomerUpserted(id, null, List.of(), null, now), now))));
            List<CustomerReference> slow = new ArrayList<>();
            for (CustomerReference reference : distinct) {
                StoredCustomer stored = reference.identities().isEmpty() ? found.get(reference.customerId()) : null;
                if (stored != null && stored.erased()) {
                    erased.add(reference);
                } else if (reference.identities().isEmpty() && (stored == null || stored.mergedInto() == null)) {
                    resolved.put(reference, reference.customerId());
                } else {
                    slow.add(reference);
                }
            }
            return customers.createAll(created, now)
                    .invoke(() -> byIdOnly.stream()
                            .filter(id -> created.containsKey(id)
                                    || (found.get(id).mergedInto() == null && !found.get(id).erased()))
                            .forEach(id -> live.put(id, Boolean.TRUE)))
                    .chain(() -> Multi.createFrom().iterable(slow)
                            .onItem().transformToUni(reference -> resolve(reference)
                                    .invoke(customer -> resolved.put(reference, customer.customerId()))
                                    .replaceWith(Boolean.TRUE)
                                    .onFailure(ErasedCustomerException.class)
                                    .recoverWithItem(() -> {
                                        erased.add(reference);
                                        return Boolean.FALSE;
                                    }))
                            .merge(RESOLUTION_CONCURRENCY)
                            .collect().last())
                    .replaceWith(() -> new Resolutions(resolved, erased));
        });
    }

    private Uni<ResolvedCustomer> attempt(CustomerReference reference, int attempt) {
        Map<String, Identity> byKey = new LinkedHashMap<>();
        reference.identities().forEach(identity -> byKey.putIfAbsent(IdentityNormalizer.key(identity), identity));
        return customers.ownersOf(byKey.keySet())
                .chain(owners -> {
                    Set<String> named = new HashSet<>(owners.values());
                    if (reference.customerId() != null) {
                        named.add(reference.customerId());
                    }
                    return canonical(named).chain(canonical -> {
                        StoredCustomer namedCustomer = reference.customerId() == null ? null
                                : canonical.get(reference.customerId());
                        if (namedCustomer != null && namedCustomer.erased()) {
                            return Uni.createFrom().<ResolvedCustomer>failure(
                                    new ErasedCustomerException(reference.customerId()));
                        }
                        List<String> orphans = owners.values().stream()
                                .filter(owner -> !canonical.containsKey(owner))
                                .distinct()
                                .toList();
                        return orphans.isEmpty()
                                ? settle(reference, byKey, owners, canonical)
                                : adopt(orphans, owners, byKey).replaceWith((ResolvedCustomer) null);
                    });
                })
                .onItem().ifNull().switchTo(() -> {
                    if (attempt >= MAX_ATTEMPTS) {
                        return Uni.createFrom().failure(new IllegalStateException(
                                "Customer resolution kept losing races after " + attempt + " attempts"));
                    }
                    return attempt(reference, attempt + 1);
                });
    }

    /**
     * Decides the survivor and brings the store in line. Returns null when a concurrent resolution claimed an
     * identity first: the caller starts again and will then see that owner.
     */
    private Uni<ResolvedCustomer> settle(CustomerReference reference, Map<String, Identity> byKey,
            Map<String, String> owners, Map<String, StoredCustomer> canonical) {
        Instant now = clock.instant();
        List<Identity> unowned = byKey.entrySet().stream()
                .filter(entry -> !owners.containsKey(entry.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        Set<StoredCustomer> existing = new HashSet<>(canonical.values());
        StoredCustomer named = reference.customerId() == null ? null : canonical.get(reference.customerId());

        if (existing.isEmpty()) {
            String id = reference.customerId() != null ? reference.customerId() : UUID.randomUUID().toString();
            return claimAll(unowned, id, now).chain(claimed -> {
                if (!claimed) {
                    return Uni.createFrom().nullItem();
                }
                OutboxEvent upserted = event(new CustomerUpserted(id, null, unowned, null, now), now);
                // A new random id can only collide with a resolution that adopted the identities just claimed for
                // it, so the customer is this resolution's creation either way. A named id may have been created
                // concurrently by someone else (a record naming it by id alone, a resolution adopting these
                // identities): the identities just claimed for it are linked to it, then the resolution starts again
                // (in case it was merged meanwhile). Starting again without linking them would find them owned by
                // the customer already and link nothing: they would be on no profile and in no event.
                return customers.create(id, unowned, now, List.of(upserted)).chain(created -> {
                    if (created || reference.customerId() == null) {
                        return Uni.createFrom().item(new ResolvedCustomer(id, true, unowned, List.of()));
                    }
                    if (unowned.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    // Linked as of now, after the customer's creation (whose upsert lists none of them).
                    Instant linkedAt = clock.instant();
                    List<OutboxEvent> events = unowned.stream()
                            .map(identity -> event(new IdentityLinked(id, identity, linkedAt), linkedAt))
                            .toList();
                    return customers.addIdentities(id, unowned, linkedAt, events)
                            .replaceWith((ResolvedCustomer) null);
                });
            });
        }

        StoredCustomer survivor = named != null ? named : existing.stream()
                .min(Comparator.comparing(StoredCustomer::createdAt).thenComparing(StoredCustomer::id))
                .orElseThrow();
        List<String> losers = existing.stream()
                .map(StoredCustomer::id)
                .filter(id -> !id.equals(survivor.id()))
                .sorted()
                .toList();
        return Multi.createFrom().iterable(losers)
                .onItem().transformToUniAndConcatenate(loser -> merge(loser, survivor.id(), now))
                .collect().asList()
                .chain(merged -> claimAll(unowned, survivor.id(), now).chain(claimed -> {
                    if (!claimed) {
                        return Uni.createFrom().nullItem();
                    }
                    if (unowned.isEmpty()) {
                        return Uni.createFrom().item(new ResolvedCustomer(survivor.id(), false, List.of(), losers));
                    }
                    List<OutboxEvent> events = unowned.stream()
                            .map(identity -> event(new IdentityLinked(survivor.id(), identity, now), now))
                            .toList();
                    return customers.addIdentities(survivor.id(), unowned, now, events)
                            .replaceWith(new ResolvedCustomer(survivor.id(), false, unowned, losers));
                }));
    }

    /**
     * Identities whose owner has no customer document: another resolution claimed them and has not created the
     * customer yet, or died in between. Creating the document here (an insert that only one writer wins) makes both
     * cases converge; the caller then starts again.
     */
    private Uni<Void> adopt(List<String> orphans, Map<String, String> owners, Map<String, Identity> byKey) {
        Instant now = clock.instant();
        return Multi.createFrom().iterable(orphans)
                .onItem().transformToUniAndConcatenate(orphan -> {
                    List<Identity> theirs = owners.entrySet().stream()
                            .filter(entry -> entry.getValue().equals(orphan))
                            .map(entry -> byKey.get(entry.getKey()))
                            .toList();
                    OutboxEvent upserted = event(new CustomerUpserted(orphan, null, theirs, null, now), now);
                    return customers.create(orphan, theirs, now, List.of(upserted));
                })
                .collect().asList()
                .replaceWithVoid();
    }

    private Uni<Void> merge(String loser, String survivor, Instant now) {
        live.invalidate(loser);
        OutboxEvent merged = event(new CustomersMerged(survivor, List.of(loser), now), now);
        return customers.markMerged(loser, survivor, now, merged)
                .chain(() -> customers.repointIdentities(loser, survivor));
    }

    /** Claims the identities in order; false as soon as one already has an owner. */
    private Uni<Boolean> claimAll(List<Identity> identities, String customerId, Instant now) {
        Uni<Boolean> chain = Uni.createFrom().item(true);
        for (Identity identity : identities) {
            chain = chain.chain(ok -> ok ? customers.claim(identity, customerId, now) : Uni.createFrom().item(false));
        }
        return chain;
    }

    /** The stored customers behind the given ids (unknown ids left out), each replaced by its survivor. */
    private Uni<Map<String, StoredCustomer>> canonical(Set<String> ids) {
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> survivorOf(id, 0)
                        .map(survivor -> Optional.ofNullable(survivor).map(found -> Map.entry(id, found))))
                .filter(Optional::isPresent)
                .map(Optional::get)
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Follows {@code mergedInto} from {@code id} to the customer that survives; null when {@code id} is unknown. */
    private Uni<StoredCustomer> survivorOf(String id, int depth) {
        return customers.find(List.of(id)).chain(found -> {
            StoredCustomer customer = found.get(id);
            if (customer == null || customer.mergedInto() == null) {
                return Uni.createFrom().item(customer);
            }
            if (depth >= MAX_MERGE_DEPTH) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "Customer " + id + " is at the end of a merge chain longer than " + MAX_MERGE_DEPTH));
            }
            return survivorOf(customer.mergedInto(), depth + 1);
        });
    }

    private OutboxEvent event(io.cxvalue.contracts.CxEvent payload, Instant now) {
        return OutboxEvent.of(payload, now, sequence.next());
    }
}
