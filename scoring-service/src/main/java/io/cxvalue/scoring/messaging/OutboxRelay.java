package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.outbox.OutboxMeters;
import io.cxvalue.contracts.outbox.RelayRounds;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.repository.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.concurrent.Executor;

/**
 * Publishes what the outbox holds, in rounds ({@link RelayRounds}: {@code wake()} after a committed write, and every
 * poll interval for anything a failed round or a crashed instance left behind). Each batch is one database
 * transaction ({@link OutboxRepository#relayBatch}): claim the oldest pending rows with {@code SELECT ... FOR UPDATE
 * SKIP LOCKED} (so the relays of two instances never hold, and so never send, the same rows at once), send all their
 * events, wait for every ack (acks=all), then delete the rows and commit. A broker outage or a crash before the commit
 * rolls the claim back and leaves the rows pending, so they are sent again later with the same event ids: nothing is
 * lost, and consumers drop the repeats. Rounds run on a Vert.x duplicated context of their own, as Hibernate Reactive
 * requires.
 */
@Singleton
// Created at start so that its meters are exported (at zero) from the beginning.
@Startup
public class OutboxRelay extends RelayRounds {

    public OutboxRelay(OutboxRepository outbox, OutboxPublisher publisher, Vertx vertx, ScoringConfig config,
            MeterRegistry registry) {
        super(config.outbox()::relayEnabled, config.outbox()::batchSize,
                (limit, publish, round) -> Panache.withTransaction(() -> outbox.relayBatch(limit, publish, round)),
                publisher::publish, () -> newRoundContext(vertx), OutboxMeters.register(registry, "scoring-service"));
    }

    @Scheduled(every = "${cx.scoring.outbox.poll-interval:PT1S}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    // The database pool closes during shutdown: starting rounds then would only log failures.
    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    // A context of the round's own, whatever thread wakes the relay (an event loop after a write, the scheduler's
    // worker, a test): Hibernate Reactive keeps the round's session on it.
    private static Executor newRoundContext(Vertx vertx) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return task -> context.runOnContext(ignored -> task.run());
    }
}
