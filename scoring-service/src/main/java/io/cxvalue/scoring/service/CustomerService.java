package io.cxvalue.scoring.service;

import io.cxvalue.contracts.events.CustomerUpserted;
import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.Identity;
import io.cxvalue.contracts.events.IdentityLinked;
import io.cxvalue.scoring.Customer;
import io.cxvalue.scoring.CustomerAlias;
import io.cxvalue.scoring.CustomerContactSummary;
import io.cxvalue.scoring.CustomerIdentity;
import io.cxvalue.scoring.repository.ContactLogRepository;
import io.cxvalue.scoring.repository.CustomerAliasRepository;
import io.cxvalue.scoring.repository.CustomerContactSummaryRepository;
import io.cxvalue.scoring.repository.CustomerIdentityRepository;
import io.cxvalue.scoring.repository.CustomerRepository;
import io.cxvalue.scoring.repository.CustomerTransactionRepository;
import io.cxvalue.scoring.repository.ProcessedEventRepository;
import io.cxvalue.scoring.repository.SurveyResponseRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Applies cx.customers, once per event: the identity keys of the caller lookup (upserts and links) and merges.
 * Nothing of the profile is kept (no display name, no attributes): scoring holds only the identity keys it needs.
 */
@ApplicationScoped
public class CustomerService {

    private static final Logger LOG = Logger.getLogger(CustomerService.class);

    private final CustomerRepository customers;
    private final CustomerIdentityRepository identities;
    private final CustomerAliasRepository aliases;
    private final CustomerContactSummaryRepository summaries;
    private final ContactLogRepository contactLog;
    private final SurveyResponseRepository surveys;
    private final CustomerTransactionRepository transactions;
    private final ProcessedEventRepository processedEvents;

    public CustomerService(CustomerRepository customers, CustomerIdentityRepository identities,
            CustomerAliasRepository aliases, CustomerContactSummaryRepository summaries,
            ContactLogRepository contactLog, SurveyResponseRepository surveys,
            CustomerTransactionRepository transactions, ProcessedEventRepository processedEvents) {
        this.customers = customers;
        this.identities = identities;
        this.aliases = aliases;
        this.summaries = summaries;
        this.contactLog = contactLog;
        this.surveys = surveys;
        this.transactions = transactions;
        this.processedEvents = processedEvents;
    }

    /**
     * A customer was created or changed: its identity keys become exactly the kept ones listed (phone, e-mail, CRM
     * id), as of {@code upsertedAt}. An identity the customer no longer lists is removed unless it was linked after
     * {@code upsertedAt} (a late, older upsert does not undo a newer link); a listed identity held by another
     * customer is taken over unless that link is more recent.
     */
    @WithTransaction
    public Uni<EventOutcome> upsert(String eventId, String topic, CustomerUpserted event) {
        Instant at = event.upsertedAt();
        Set<CustomerIdentity.Key> listed = new LinkedHashSet<>();
        List<Identity> kept = event.identities() == null ? List.of() : event.identities().stream()
                .filter(identity -> CustomerIdentity.KEPT_KINDS.contains(identity.kind()))
                .filter(identity -> listed.add(new CustomerIdentity.Key(identity.kind(), identity.value())))
                .toList();
        return processedEvents.applyOnce(eventId, topic, () -> aliases.lockAndResolve(event.customerId())
                .chain(customerId -> touchCustomer(customerId, at)
                        .chain(() -> identities.ofCustomer(customerId))
                        .chain(current -> Multi.createFrom().iterable(current)
                                .filter(identity -> !listed.contains(
                                        new CustomerIdentity.Key(identity.kind(), identity.value()))
                                        && !identity.linkedAt().isAfter(at))
                                .onItem().transformToUniAndConcatenate(identities::delete)
                                .collect().last())
                        .chain(() -> Multi.createFrom().iterable(kept)
                                .onItem().transformToUniAndConcatenate(identity -> link(identity, customerId, at))
                                .collect().last())));
    }

    /** An identity was linked to a customer: kept if it is a phone, e-mail or CRM id (see {@link #upsert}). */
    @WithTransaction
    public Uni<EventOutcome> link(String eventId, String topic, IdentityLinked event) {
        return processedEvents.applyOnce(eventId, topic, () -> aliases.lockAndResolve(event.customerId())
                .chain(customerId -> touchCustomer(customerId, event.linkedAt())
                        .chain(() -> CustomerIdentity.KEPT_KINDS.contains(event.identity().kind())
                                ? link(event.identity(), customerId, event.linkedAt())
                                : Uni.createFrom().voidItem())));
    }

    /**
     * Customers turned out to be one person: every row of the merged customers (contact log, survey responses,
     * transactions, identity keys) moves to the survivor, their contact summaries are folded into the survivor's,
     * and each merged id becomes an alias of the survivor, so that later events carrying it are applied to the
     * survivor. Aliases that pointed to a merged id are repointed (chains stay flat).
     * <p>
     * Events of the customers involved that arrive meanwhile on the other topics wait for the merge to commit (they
     * lock the customer too), then find the alias and go to the survivor. The rare deadlock between a merge and such
     * an event (PostgreSQL detects it and aborts one of them) is handled like any store failure: retried.
     * <p>
     * The survivor is itself resolved through the aliases (it may have been merged into another customer since). A
     * merged id that is already an alias was merged before: its rows live with its survivor already and it is
     * skipped, as is a merged id equal to the survivor.
     */
    @WithTransaction
    public Uni<EventOutcome> merge(String eventId, String topic, CustomersMerged event) {
        // Every customer involved is locked, in one order (no deadlock between merges), so that no event of theirs
        // is applied concurrently (see CustomerAliasRepository); then the survivor is resolved and locked.
        List<String> lockOrder = Stream.concat(Stream.of(event.customerId()), event.mergedCustomerIds().stream())
                .distinct().sorted().toList();
        return processedEvents.applyOnce(eventId, topic, () -> Multi.createFrom().iterable(lockOrder)
                .onItem().transformToUniAndConcatenate(aliases::lock)
                .collect().last()
                .chain(() -> aliases.lockAndResolve(event.customerId()))
                .chain(survivor -> {
                    List<String> candidates = event.mergedCustomerIds().stream()
                            .distinct()
                            .filter(merged -> !merged.equals(survivor))
                            .toList();
                    if (candidates.isEmpty()) {
                        return touchCustomer(survivor, event.mergedAt());
                    }
                    return aliases.list("mergedId in ?1", candidates).chain(mergedBefore -> {
                        Set<String> skipped = new HashSet<>();
                        for (CustomerAlias alias : mergedBefore) {
                            LOG.infof("Customer %s was merged into %s before; not merging it into %s again",
                                    alias.mergedId(), alias.survivorId(), survivor);
                            skipped.add(alias.mergedId());
                        }
                        List<String> merged = candidates.stream().filter(id -> !skipped.contains(id)).toList();
                        return merged.isEmpty()
                                ? touchCustomer(survivor, event.mergedAt())
                                : fold(merged, survivor, event.mergedAt());
                    });
                }));
    }

    private Uni<Void> fold(List<String> merged, String survivor, Instant mergedAt) {
        return aliases.repoint(merged, survivor)
                .chain(() -> contactLog.update("customerId = ?1 where customerId in ?2", survivor, merged))
                .chain(() -> surveys.update("customerId = ?1 where customerId in ?2", survivor, merged))
                .chain(() -> transactions.update("customerId = ?1 where customerId in ?2", survivor, merged))
                .chain(() -> identities.update("customerId = ?1 where customerId in ?2", survivor, merged))
                .chain(() -> Multi.createFrom().iterable(merged)
                        .onItem().transformToUniAndConcatenate(id -> aliases.persist(
                                new CustomerAlias(id, survivor, mergedAt)))
                        .collect().last())
                .chain(() -> foldSummaries(merged, survivor))
                .chain(() -> customers.delete("customerId in ?1", merged))
                .chain(() -> touchCustomer(survivor, mergedAt));
    }

    private Uni<Void> foldSummaries(List<String> merged, String survivor) {
        return summaries.list("customerId in ?1", merged).chain(mergedSummaries -> {
            if (mergedSummaries.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return summaries.findById(survivor)
                    .map(found -> found != null ? found : CustomerContactSummary.forNewCustomer(survivor))
                    .invoke(summary -> mergedSummaries.forEach(summary::absorb))
                    .chain(summaries::persist)
                    .chain(() -> Multi.createFrom().iterable(mergedSummaries)
                            .onItem().transformToUniAndConcatenate(summaries::delete)
                            .collect().last())
                    .replaceWithVoid();
        });
    }

    private Uni<Void> link(Identity identity, String customerId, Instant at) {
        return identities.find(identity.kind(), identity.value()).chain(known -> {
            if (known == null) {
                return identities.persist(new CustomerIdentity(identity.kind(), identity.value(), customerId, at))
                        .replaceWithVoid();
            }
            known.linkTo(customerId, at);
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> touchCustomer(String customerId, Instant at) {
        return customers.findById(customerId).chain(customer -> {
            if (customer == null) {
                return customers.persist(new Customer(customerId, at)).replaceWithVoid();
            }
            customer.touch(at);
            return Uni.createFrom().voidItem();
        });
    }
}
