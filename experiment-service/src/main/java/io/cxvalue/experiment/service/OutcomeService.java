package io.cxvalue.experiment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxvalue.experiment.design.ExperimentDefinition;
import io.cxvalue.experiment.outcome.CustomerEvent;
import io.cxvalue.experiment.outcome.CustomerOutcome;
import io.cxvalue.experiment.outcome.ExposureOutcome;
import io.cxvalue.experiment.outcome.OutcomeChanges;
import io.cxvalue.experiment.outcome.OutcomeRules;
import io.cxvalue.experiment.repository.OutcomeRepository;
import io.cxvalue.experiment.repository.OutcomeRepository.ExposureRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps exposed customers' outcomes and their groups' statistics up to date as events arrive, one transaction per
 * consumed batch: store the batch's new events in the customers' histories, recompute the outcome of every exposure
 * whose window one of them falls in (or that was just assigned), and fold the changed outcomes into the statistics.
 * A redelivered event is not stored again and so changes nothing; an outcome is a function of the history, so the
 * order events arrive in does not matter.
 */
@ApplicationScoped
public class OutcomeService {

    /** What one batch did. */
    public record Applied(int newEvents, int outcomesChanged) {
    }

    private final Pool pool;
    private final OutcomeRepository repository;
    private final ObjectMapper json;

    public OutcomeService(Pool pool, OutcomeRepository repository, ObjectMapper json) {
        this.pool = pool;
        this.repository = repository;
        this.json = json;
    }

    /**
     * @param events            the batch's contacts, survey answers, transactions and scores
     * @param assignedCustomers customers the batch's assignments exposed: measured now even with no new event
     */
    public Uni<Applied> apply(List<CustomerEvent> events, Collection<String> assignedCustomers) {
        Set<String> customers = new TreeSet<>(assignedCustomers);
        events.forEach(e -> customers.add(e.customerId()));
        if (customers.isEmpty()) {
            return Uni.createFrom().item(new Applied(0, 0));
        }
        return pool.withTransaction(connection -> repository.lockCustomers(connection, customers)
                .chain(() -> events.isEmpty()
                        ? Uni.createFrom().item(List.<CustomerEvent>of())
                        : repository.insertNew(connection, events))
                .chain(inserted -> remeasure(connection, inserted, assignedCustomers)
                        .map(changed -> new Applied(inserted.size(), changed))));
    }

    private Uni<Integer> remeasure(SqlConnection connection, List<CustomerEvent> inserted,
            Collection<String> assignedCustomers) {
        Map<String, List<Instant>> newEventTimes = new HashMap<>();
        inserted.forEach(e -> newEventTimes.computeIfAbsent(e.customerId(), c -> new ArrayList<>()).add(e.occurredAt()));
        Set<String> affected = new TreeSet<>(newEventTimes.keySet());
        affected.addAll(assignedCustomers);
        if (affected.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return repository.exposuresOf(connection, affected).chain(rows -> {
            Map<String, OutcomeRules> rulesByExperiment = new HashMap<>();
            List<ExposureRow> due = new ArrayList<>();
            Map<String, Instant[]> range = new HashMap<>();
            for (ExposureRow row : rows) {
                ExposureOutcome exposure = row.exposure();
                OutcomeRules rules = rulesByExperiment.computeIfAbsent(exposure.experimentId(),
                        id -> rules(row.definitionJson()));
                Instant from = rules.historyFrom(exposure.exposedAt());
                Instant until = rules.historyUntil(exposure.exposedAt());
                boolean touched = newEventTimes.getOrDefault(exposure.customerId(), List.of()).stream()
                        .anyMatch(t -> !t.isBefore(from) && t.isBefore(until));
                if (exposure.stored() == null || touched) {
                    due.add(row);
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
                for (ExposureRow row : due) {
                    ExposureOutcome exposure = row.exposure();
                    CustomerOutcome now = CustomerOutcome.compute(exposure.exposedAt(),
                            histories.getOrDefault(exposure.customerId(), List.of()),
                            rulesByExperiment.get(exposure.experimentId()));
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
        });
    }

    private OutcomeRules rules(String definitionJson) {
        try {
            return OutcomeRules.of(json.readValue(definitionJson, ExperimentDefinition.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored experiment definition unreadable", e);
        }
    }
}
