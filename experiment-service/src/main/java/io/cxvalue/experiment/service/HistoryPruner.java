package io.cxvalue.experiment.service;

import io.cxvalue.experiment.config.HistoryConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Deletes customers' history older than the retention ({@link HistoryConfig}), keeping each customer's latest score
 * (the CLV and CX score at an exposure come from it), in batches. Several instances may prune at once: they delete
 * disjoint or already deleted rows.
 */
@ApplicationScoped
public class HistoryPruner {

    private static final Logger LOG = Logger.getLogger(HistoryPruner.class);

    private final Pool pool;
    private final HistoryConfig config;

    public HistoryPruner(Pool pool, HistoryConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** The oldest event time still kept and applied. */
    public Instant cutoff() {
        return Instant.now().minus(config.retention());
    }

    @Scheduled(every = "${experiment.history.prune-interval:PT1H}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return prune().invoke(deleted -> {
            if (deleted > 0) {
                LOG.infof("Pruned %d history events older than %s", deleted, cutoff());
            }
        }).replaceWithVoid();
    }

    /** Prunes until nothing older than the cutoff is left but the latest scores; the number of rows deleted. */
    public Uni<Long> prune() {
        return pruneFrom(cutoff(), 0L);
    }

    private Uni<Long> pruneFrom(Instant cutoff, long deletedSoFar) {
        return pool.preparedQuery("""
                        delete from customer_event where ctid in (
                            select e.ctid from customer_event e
                            where e.occurred_at < $1
                              and (e.kind <> 'SCORE' or exists (
                                  select 1 from customer_event s
                                  where s.customer_id = e.customer_id and s.kind = 'SCORE'
                                    and (s.occurred_at, s.event_key) > (e.occurred_at, e.event_key)))
                            limit $2)""")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), config.pruneBatchSize()))
                .chain(result -> result.rowCount() < config.pruneBatchSize()
                        ? Uni.createFrom().item(deletedSoFar + result.rowCount())
                        : pruneFrom(cutoff, deletedSoFar + result.rowCount()));
    }
}
