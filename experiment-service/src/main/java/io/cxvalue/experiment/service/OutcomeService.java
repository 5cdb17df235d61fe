package io.cxvalue.experiment.service;

import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.contracts.events.VariantAssigned;
import io.cxvalue.experiment.exposure.ExposableExperiment;
import io.cxvalue.experiment.exposure.Exposure;
import io.cxvalue.experiment.outcome.CustomerEvent;
import io.cxvalue.experiment.outcome.CustomerOutcome;
import io.cxvalue.experiment.outcome.ExposureOutcome;
import io.cxvalue.experiment.outcome.OutcomeChanges;
import io.cxvalue.experiment.outcome.OutcomeRules;
import io.cxvalue.experiment.repository.OutcomeRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exposes customers and keeps their outcomes and their groups' statistics up to date as events arrive, one
 * transaction per consumed batch: store the batch's new events in the customers' histories; expose each customer
 * whose new contact is their first eligible one in a started experiment (published as {@link VariantAssigned}
 * through the outbox); recompute the outcome of every exposure whose window a new event falls in; fold the changed
 * outcomes into the statistics. A redelivered event is not stored again and so changes nothing; an outcome is a
 * function of the history, so the order events arrive in does not matter.
 */
@ApplicationScoped
public class OutcomeService {

    /** What one batch did. */
    public record Applied(int newEvents, int newExposures, int outcomesChanged) {
    }

    private final Pool pool;
    private final OutcomeRepository repository;
    private final ExperimentCatalog catalog;
    private final ExperimentDesignService design;
    private final HistoryPruner pruner;
    private final Map<String, OutcomeRules> rulesByExperiment = new ConcurrentHashMap<>();

    public OutcomeService(Pool pool, OutcomeRepository repository, ExperimentCatalog catalog,
            ExperimentDesignService design, HistoryPruner pruner) {
        this.pool = pool;
        this.repository = repository;
        this.catalog = catalog;
        this.design = design;
        this.pruner = pruner;
    }

    /**
     * @param batch          the batch's contacts, survey answers, transactions and scores
     * @param interactionIds each contact's interaction id, by its {@link CustomerEvent#eventKey()}
     */
    public Uni<Applied> apply(List<CustomerEvent> batch, Map<Long, String> interactionIds) {
        // Older than the retention, an event could only change outcomes whose history is partly pruned: not applied.
        Instant oldest = pruner.cutoff();
        List<CustomerEvent> events = batch.stream().filter(e -> !e.occurredAt().isBefore(oldest)).toList();
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Applied(0, 0, 0));
        }
        Set<String> customers = new TreeSet<>();
        events.forEach(e -> customers.add(e.customerId()));
        return pool.withTransaction(connection -> repository.lockCustomers(connection, customers)
                .chain(() -> repository.insertNew(connection, events))
                .chain(inserted -> expose(connection, inserted, interactionIds)
                        .chain(exposed -> remeasure(connection, inserted)
                                .map(changed -> new Applied(inserted.size(), exposed, changed)))));
    }

    /** Exposes the customers whose new contacts are eligible; the number exposed for the first time. */
    private Uni<Integer> expose(SqlConnection connection, List<CustomerEvent> inserted,
            Map<Long, String> interactionIds) {
        List<CustomerEvent> contacts = inserted.stream().filter(e -> e.kind() == CustomerEvent.Kind.CONTACT)
                .sorted(Comparator.comparing(CustomerEvent::occurredAt)).toList();
        if (contacts.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return catalog.exposable(connection).chain(started -> started.isEmpty()
                ? Uni.createFrom().item(0)
                : repository.tiersOf(connection, contacts.stream().map(CustomerEvent::customerId).toList())
                        .chain(tiers -> {
                            // the earliest eligible contact of the batch per (experiment, customer)
                            Map<List<String>, Exposure> candidates = new LinkedHashMap<>();
                            for (CustomerEvent contact : contacts) {
                                String tier = tiers.get(contact.customerId());
                                for (ExposableExperiment experiment : started) {
                                    experiment.variantFor(contact, tier).ifPresent(variant -> candidates.putIfAbsent(
                                            List.of(experiment.experimentId(), contact.customerId()),
                                            new Exposure(experiment.experimentId(), contact.customerId(), variant,
                                                    contact.occurredAt(), interactionIds.get(contact.eventKey()),
                                                    tier)));
                                }
                            }
                            if (candidates.isEmpty()) {
                                return Uni.createFrom().item(0);
                            }
                            return repository.expose(connection, new ArrayList<>(candidates.values()))
                                    .chain(first -> publish(connection, first).replaceWith(first.size()));
                        }));
    }

    private Uni<Void> publish(SqlConnection connection, List<Exposure> first) {
        if (first.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<OutboxEvent> assignments = first.stream().map(e -> OutboxEvent.of(new VariantAssigned(
                // One id per (experiment, customer): a republished assignment is recognisably the same one.
                UUID.nameUUIDFromBytes((e.experimentId() + "\u0000" + e.customerId())
                        .getBytes(StandardCharsets.UTF_8)).toString(),
                e.experimentId(), e.variant(), e.customerId(), e.exposedAt()), now, 0)).toList();
        return repository.addToOutbox(connection, assignments);
    }

    private Uni<Integer> remeasure(SqlConnection connection, List<CustomerEvent> inserted) {
        Map<String, List<Instant>> newEventTimes = new HashMap<>();
        inserted.forEach(e -> newEventTimes.computeIfAbsent(e.customerId(), c -> new ArrayList<>()).add(e.occurredAt()));
        Set<String> affected = new TreeSet<>(newEventTimes.keySet());
        if (affected.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return repository.exposuresOf(connection, affected).chain(rows -> rules(connection, rows).chain(rulesOf -> {
            List<ExposureOutcome> due = new ArrayList<>();
            Map<String, Instant[]> range = new HashMap<>();
            for (ExposureOutcome exposure : rows) {
                OutcomeRules rules = rulesOf.get(exposure.experimentId());
                Instant from = rules.historyFrom(exposure.exposedAt());
                Instant until = rules.historyUntil(exposure.exposedAt());
                boolean touched = newEventTimes.getOrDefault(exposure.customerId(), List.of()).stream()
                        .anyMatch(t -> !t.isBefore(from) && t.isBefore(until));
                if (touched) {
                    due.add(exposure);
                    range.merge(exposure.customerId(), new Instant[] {from, until}, (a, b) -> new Instant[] {
                            a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
                }
            }
            if (due.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<String> customers = new ArrayList<>(range.keySet());
            List<Instant> from = customers.stream().map(c -> range.get(c)[0]).toList();
            List<Instant> until = customers.stream().map(c -> range.get(c)[1]).toList();
            return repository.histories(connection, customers, from, until).chain(histories -> {
                OutcomeChanges changes = new OutcomeChanges();
                List<ExposureOutcome> changed = new ArrayList<>();
                List<CustomerOutcome> values = new ArrayList<>();
                for (ExposureOutcome exposure : due) {
                    CustomerOutcome now = CustomerOutcome.compute(exposure.exposedAt(),
                            histories.getOrDefault(exposure.customerId(), List.of()),
                            rulesOf.get(exposure.experimentId()));
                    if (changes.record(exposure, now)) {
                        changed.add(exposure);
                        values.add(now);
                    }
                }
                if (changes.isEmpty()) {
                    return Uni.createFrom().item(0);
                }
                return repository.storeOutcomes(connection, changed, values)
                        .chain(() -> repository.lockStats(connection, changes.keys()))
                        .chain(current -> repository.storeStats(connection, changes.apply(current)))
                        .replaceWith(changed.size());
            });
        }));
    }

    /**
     * The outcome rules of the exposures' experiments. A started experiment's definition never changes, so each is
     * read and parsed once per instance.
     */
    private Uni<Map<String, OutcomeRules>> rules(SqlConnection connection, List<ExposureOutcome> exposures) {
        Set<String> missing = new TreeSet<>();
        exposures.forEach(e -> {
            if (!rulesByExperiment.containsKey(e.experimentId())) {
                missing.add(e.experimentId());
            }
        });
        if (missing.isEmpty()) {
            return Uni.createFrom().item(rulesByExperiment);
        }
        return repository.definitions(connection, missing).map(read -> {
            read.forEach((id, json) -> rulesByExperiment.put(id, OutcomeRules.of(design.definition(id, json))));
            return rulesByExperiment;
        });
    }
}
