package io.cxvalue.scoring.service;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.consumer.PollConsumer.Applied;
import io.cxvalue.contracts.events.CustomerUpserted;
import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.Identity;
import io.cxvalue.contracts.events.IdentityLinked;
import io.cxvalue.scoring.Customer;
import io.cxvalue.scoring.CustomerAlias;
import io.cxvalue.scoring.CustomerContactSummary;
import io.cxvalue.scoring.IdentityReplay;
import io.cxvalue.scoring.repository.ConsumedStateRepository;
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
import java.util.ArrayList;
import java.util.HashSet;
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
    private final ConsumedBatches batches;
    private final ConsumedStateRepository state;

    public CustomerService(CustomerRepository customers, CustomerIdentityRepository identities,
            CustomerAliasRepository aliases, CustomerContactSummaryRepository summaries,
            ContactLogRepository contactLog, SurveyResponseRepository surveys,
            CustomerTransactionRepository transactions, ProcessedEventRepository processedEvents,
            ConsumedBatches batches, ConsumedStateRepository state) {
        this.customers = customers;
        this.identities = identities;
        this.aliases = aliases;
        this.summaries = summaries;
        this.contactLog = contactLog;
        this.surveys = surveys;
        this.transactions = transactions;
        this.processedEvents = processedEvents;
        this.batches = batches;
        this.state = state;
    }

    /**
     * Applies a poll of cx.customers in record order, once per event: each run of upserts and links in one
     * transaction, set-based (the stored keys of its customers and of the keys it names are read once, the events
     * replayed on them by the rules of {@link IdentityReplay}: an upsert makes the customer's keys exactly the kept
     * ones it lists, a link takes a key over unless the stored link is more recent; what changed is written back),
     * and each merge in a transaction of its own between the runs (a merge moves rows across the whole store).
     */
    public Uni<Applied> apply(String topic, List<ReceivedEvent<CxEvent>> events) {
        List<List<ReceivedEvent<CxEvent>>> parts = new ArrayList<>();
        List<ReceivedEvent<CxEvent>> run = new ArrayList<>();
        for (ReceivedEvent<CxEvent> event : events) {
            if (event.event() instanceof CustomersMerged) {
                if (!run.isEmpty()) {
                    parts.add(run);
                    run = new ArrayList<>();
                }
                parts.add(List.of(event));
            } else {
                run.add(event);
            }
        }
        if (!run.isEmpty()) {
            parts.add(run);
        }
        Uni<Applied> applied = Uni.createFrom().item(Applied.NOTHING);
        for (List<ReceivedEvent<CxEvent>> part : parts) {
            applied = applied.chain(sum -> applyPart(topic, part).map(sum::plus));
        }
        return applied;
    }

    private Uni<Applied> applyPart(String topic, List<ReceivedEvent<CxEvent>> part) {
        if (part.get(0).event() instanceof CustomersMerged merge) {
            return merge(part.get(0).eventId(), topic, merge)
                    .map(outcome -> outcome == EventOutcome.APPLIED ? new Applied(1, 0) : new Applied(0, 1));
        }
        return batches.applyOnce(topic, part, CustomerService::customerOf, (connection, fresh, survivors) -> {
            List<String> kinds = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (CxEvent event : fresh) {
                List<Identity> named = event instanceof CustomerUpserted upserted
                        ? (upserted.identities() == null ? List.of() : upserted.identities())
                        : List.of(((IdentityLinked) event).identity());
                for (Identity identity : named) {
                    kinds.add(identity.kind().name());
                    values.add(identity.value());
                }
            }
            IdentityReplay replay = new IdentityReplay();
            return state.loadIdentities(connection, new HashSet<>(survivors.values()), kinds, values, replay)
                    .chain(() -> {
                        for (CxEvent event : fresh) {
                            String customerId = survivors.get(customerOf(event));
                            if (event instanceof CustomerUpserted upserted) {
                                replay.upsert(customerId, upserted.upsertedAt(), upserted.identities());
                            } else {
                                IdentityLinked linked = (IdentityLinked) event;
                                replay.link(customerId, linked.identity(), linked.linkedAt());
                            }
                        }
                        return state.writeIdentities(connection, replay);
                    });
        });
    }

    private static String customerOf(CxEvent event) {
        return event instanceof CustomerUpserted upserted ? upserted.customerId()
                : ((IdentityLinked) event).customerId();
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
