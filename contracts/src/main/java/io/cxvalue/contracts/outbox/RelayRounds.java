package io.cxvalue.contracts.outbox;

import io.cxvalue.contracts.OutboxEvent;
import io.smallrye.mutiny.Uni;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The round scheduling of an outbox relay, whatever the store. A round relays batch after batch until a batch comes
 * back short (the outbox is empty) or fails. One round at a time per instance: a call during a round returns 0 at once
 * and makes the running round relay one more batch before it ends, so an event written while the round ran, possibly
 * after its last look, is not left for the next poll. A failed round leaves its events pending (counted, logged,
 * emitting 0); the next poll or wake retries them. Wakes start no rounds while the relay is disabled by
 * configuration, nor after {@link #stop()} (the service shutting down, its store closing).
 * <p>
 * A service's relay extends this class with its wiring only: its store's batch, its publisher, its scheduler, and
 * where rounds run. No CDI here: the subclass is the bean.
 */
public class RelayRounds {

    private static final System.Logger LOG = System.getLogger(RelayRounds.class.getName());

    /** Relays one batch of the store: what a relay does between two looks at its outbox. */
    @FunctionalInterface
    public interface Batch {

        /**
         * Takes up to {@code limit} pending events in order, publishes them with {@code publish} and, once all are
         * acknowledged, marks them done; fails (leaving them pending) if the publish fails.
         *
         * @param roundContext runs tasks where the round runs (e.g. back on the Vert.x context of the round's
         *                     database session after the broker's acks, which complete on Kafka's threads)
         * @return what the batch relayed, and whether the outbox may hold more
         */
        Uni<Relayed> relay(int limit, Publisher publish, Executor roundContext);
    }

    /** Sends events to the broker. */
    @FunctionalInterface
    public interface Publisher {

        /**
         * Sends every event in order (the idempotent producer keeps that order per partition) and completes when all
         * are acknowledged; fails as soon as one fails.
         */
        Uni<Void> publishAll(List<OutboxEvent> events);
    }

    /**
     * What a batch relayed.
     *
     * @param events      the events published
     * @param mayHaveMore whether more may be pending (the round goes on with another batch)
     */
    public record Relayed(int events, boolean mayHaveMore) {

        /** A batch that took {@code taken} events of at most {@code limit}: a full batch may have left more. */
        public static Relayed of(int taken, int limit) {
            return new Relayed(taken, taken >= limit);
        }
    }

    /** What a relay counts. */
    public interface Meters {

        /** The broker acknowledged {@code count} events. */
        void published(int count);

        /** A round failed and left its events pending. */
        void roundFailed();
    }

    private final BooleanSupplier enabled;
    private final IntSupplier batchSize;
    private final Batch batch;
    private final Publisher publish;
    private final Supplier<Executor> roundContexts;
    private final Meters meters;
    /** Rounds asked for since the running round last looked at its outbox; 0 when no round runs. */
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean stopped;

    /**
     * @param enabled       whether wakes start rounds (whether this instance relays at all)
     * @param batchSize     the most events per batch
     * @param publish       sends one event, completing when the broker has acknowledged it
     * @param roundContexts a new place to run each round on (e.g. a Vert.x duplicated context of its own, as Hibernate
     *                      Reactive requires); each round's work starts there and {@code batch} gets it
     */
    public RelayRounds(BooleanSupplier enabled, IntSupplier batchSize, Batch batch,
            Function<OutboxEvent, Uni<Void>> publish, Supplier<Executor> roundContexts, Meters meters) {
        this(enabled, batchSize, batch, roundContexts, meters,
                events -> publishAll(events, event -> publish.apply(event).invoke(() -> meters.published(1))));
    }

    /** A relay whose rounds run where they are started (a store with no context of its own to keep). */
    public RelayRounds(BooleanSupplier enabled, IntSupplier batchSize, Batch batch,
            Function<OutboxEvent, Uni<Void>> publish, Meters meters) {
        this(enabled, batchSize, batch, publish, () -> Runnable::run, meters);
    }

    /**
     * A relay that hands each batch's events to the broker at once ({@code publisher}, e.g. straight to the producer)
     * instead of one by one; its rounds run where they are started.
     */
    public RelayRounds(BooleanSupplier enabled, IntSupplier batchSize, Batch batch, Meters meters,
            Publisher publisher) {
        this(enabled, batchSize, batch, () -> Runnable::run, meters,
                events -> publisher.publishAll(events).invoke(() -> meters.published(events.size())));
    }

    private RelayRounds(BooleanSupplier enabled, IntSupplier batchSize, Batch batch,
            Supplier<Executor> roundContexts, Meters meters, Publisher countedPublish) {
        this.enabled = enabled;
        this.batchSize = batchSize;
        this.batch = batch;
        this.publish = countedPublish;
        this.roundContexts = roundContexts;
        this.meters = meters;
    }

    /**
     * Sends every event, all at once and in order (the idempotent producer keeps that order per partition), and
     * completes when all are acknowledged; fails as soon as one fails.
     */
    public static Uni<Void> publishAll(List<OutboxEvent> events, Function<OutboxEvent, Uni<Void>> publish) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(events.stream().map(publish).toList()).andFailFast().replaceWithVoid();
    }

    /** Starts a round in the background unless disabled or {@link #stop() stopped}; returns at once. */
    public void wake() {
        if (stopped || !enabled.getAsBoolean()) {
            return;
        }
        relay().subscribe().with(
                count -> LOG.log(Level.DEBUG, "Outbox relay round published {0} events", count),
                failure -> LOG.log(Level.ERROR, "Outbox relay round failed unexpectedly", failure));
    }

    /** No more rounds from {@link #wake()}: the service is shutting down. A running round finishes. */
    public void stop() {
        stopped = true;
    }

    /**
     * Runs one round and emits the number of events published: 0 when a batch failed (its events stay pending) or
     * another round of this instance is running (which then relays once more). Runs even when disabled or
     * {@link #stop() stopped}.
     */
    public Uni<Long> relay() {
        return Uni.createFrom().deferred(() -> {
            if (requests.getAndIncrement() > 0) {
                return Uni.createFrom().item(0L);
            }
            return Uni.createFrom().deferred(() -> {
                        Executor context = roundContexts.get();
                        return Uni.createFrom().deferred(() -> drain(context, 0L)).runSubscriptionOn(context);
                    })
                    .onFailure().recoverWithItem(failure -> {
                        requests.set(0);
                        meters.roundFailed();
                        LOG.log(Level.WARNING, "Outbox relay round failed, its events stay pending: {0}",
                                failure.toString());
                        return 0L;
                    });
        });
    }

    private Uni<Long> drain(Executor context, long soFar) {
        int limit = batchSize.getAsInt();
        int seen = requests.get();
        return Uni.createFrom().deferred(() -> batch.relay(limit, publish, context))
                .chain(relayed -> {
                    long total = soFar + relayed.events();
                    // A full batch: more may be pending. A short one: done, unless woken since this batch looked.
                    return !relayed.mayHaveMore() && requests.compareAndSet(seen, 0)
                            ? Uni.createFrom().item(total)
                            : drain(context, total);
                });
    }
}
