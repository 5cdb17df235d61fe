package io.cxvalue.scoring.service;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.consumer.PollConsumer.Applied;
import io.cxvalue.scoring.repository.ConsumedStateRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One poll of a state consumer in one transaction: its customers locked and resolved to their survivors, its event
 * ids recorded, and the change applied for the events not applied before, in record order.
 */
@ApplicationScoped
public class ConsumedBatches {

    /** The change a poll's new events make, on the transaction's connection. */
    @FunctionalInterface
    public interface Change<T> {

        /**
         * @param fresh     the events not applied before, in record order (an event delivered twice in the poll
         *                  appears once)
         * @param survivors each event customer's id to keep its state under (itself, or its survivor of a merge)
         */
        Uni<Void> apply(SqlConnection connection, List<T> fresh, Map<String, String> survivors);
    }

    private final Pool pool;
    private final ConsumedStateRepository state;

    public ConsumedBatches(Pool pool, ConsumedStateRepository state) {
        this.pool = pool;
        this.state = state;
    }

    public <T extends CxEvent> Uni<Applied> applyOnce(String topic, List<ReceivedEvent<T>> events,
            Function<T, String> customerOf, Change<T> change) {
        List<String> customers = events.stream().map(e -> customerOf.apply(e.event())).toList();
        List<String> eventIds = events.stream().map(ReceivedEvent::eventId).toList();
        return pool.withTransaction(connection -> state.lockAndResolve(connection, customers)
                .chain(survivors -> state.recordNewEvents(connection, eventIds, topic)
                        .chain(added -> {
                            List<T> fresh = firstOfEach(events, added);
                            Applied applied = new Applied(fresh.size(), events.size() - fresh.size());
                            return fresh.isEmpty() ? Uni.createFrom().item(applied)
                                    : change.apply(connection, fresh, survivors).replaceWith(applied);
                        })));
    }

    /**
     * The rows a poll's events write, one per id of the thing they report (the latest report of each, as a second
     * upsert of one row in one statement is refused), in order of first appearance.
     */
    public static <T, R> Collection<R> latestById(List<T> fresh, Function<T, String> idOf, Function<T, R> row) {
        Map<String, R> latest = new LinkedHashMap<>();
        for (T event : fresh) {
            latest.put(idOf.apply(event), row.apply(event));
        }
        return latest.values();
    }

    /** The events whose ids were just recorded, each once, in record order. */
    private static <T extends CxEvent> List<T> firstOfEach(List<ReceivedEvent<T>> events, Set<String> added) {
        List<T> fresh = new ArrayList<>(added.size());
        for (ReceivedEvent<T> event : events) {
            if (added.remove(event.eventId())) {
                fresh.add(event.event());
            }
        }
        return fresh;
    }
}
