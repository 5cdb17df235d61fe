package io.cxvalue.scoring.service;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value read from the store and kept for a while, for reads made on every request (the caller card's policy and
 * CX model). Once it is older than its time to live, a read answers with it at once and starts one refresh in the
 * background: not one refresh per request, which at 2,000 cards/s would start a read of the same row for every card
 * arriving while the first one runs and queue the cards behind them on the connection pool. Only the first read, or
 * one after {@link #invalidate()}, waits for the store, and concurrent ones share that read. A failed refresh keeps
 * the old value for another time to live.
 */
final class StaleWhileRefresh<T> {

    private static final Logger LOG = Logger.getLogger(StaleWhileRefresh.class);

    private record Entry<T>(T value, long readAtNanos) {
    }

    private final String name;
    private final Supplier<Uni<T>> load;
    private final long timeToLiveNanos;
    private final LongSupplier nanoTime;
    private final Supplier<Executor> readContext;
    private final Supplier<Executor> callerContext;
    private final AtomicReference<Uni<T>> inFlight = new AtomicReference<>();
    /** Raised by {@link #invalidate()}: a read started before it must not store what it read. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Entry<T> entry;

    /**
     * Reads on a Vert.x context of their own ({@link VertxContexts#isolated()}): a background read must not share the
     * session of the request or run that started it. Who waits for a read continues on its own context.
     */
    StaleWhileRefresh(String name, Duration timeToLive, Supplier<Uni<T>> load) {
        this(name, timeToLive, load, System::nanoTime, VertxContexts::isolated, VertxContexts::current);
    }

    StaleWhileRefresh(String name, Duration timeToLive, Supplier<Uni<T>> load, LongSupplier nanoTime,
            Supplier<Executor> readContext, Supplier<Executor> callerContext) {
        this.name = name;
        this.load = load;
        this.timeToLiveNanos = timeToLive.toNanos();
        this.nanoTime = nanoTime;
        this.readContext = readContext;
        this.callerContext = callerContext;
    }

    /** The value: the kept one (refreshed in the background when expired), or the store's on the first read. */
    Uni<T> get() {
        Entry<T> current = entry;
        if (current == null) {
            return read().emitOn(callerContext.get());
        }
        if (nanoTime.getAsLong() - current.readAtNanos() >= timeToLiveNanos) {
            read().subscribe().with(value -> { }, failure -> { });
        }
        return Uni.createFrom().item(current.value());
    }

    /** Forgets the value: the next read waits for the store (after a change made through this instance). */
    void invalidate() {
        generation.incrementAndGet();
        entry = null;
    }

    /** Keeps {@code value} as read now (after a change made through this instance). */
    void replace(T value) {
        generation.incrementAndGet();
        entry = new Entry<>(value, nanoTime.getAsLong());
    }

    /** The read in flight, or a new one: at most one at a time. */
    private Uni<T> read() {
        while (true) {
            Uni<T> running = inFlight.get();
            if (running != null) {
                return running;
            }
            long startedIn = generation.get();
            AtomicReference<Uni<T>> self = new AtomicReference<>();
            Uni<T> fresh = Uni.createFrom().<T>deferred(load::get)
                    .runSubscriptionOn(readContext.get())
                    .invoke(value -> {
                        if (generation.get() == startedIn) {
                            entry = new Entry<>(value, nanoTime.getAsLong());
                        }
                    })
                    .onFailure().invoke(failure -> {
                        Entry<T> kept = entry;
                        if (kept != null) {
                            entry = new Entry<>(kept.value(), nanoTime.getAsLong());
                        }
                        LOG.warnf("Could not refresh the %s%s: %s", name,
                                kept != null ? " (the previous one stays in use)" : "", failure.toString());
                    })
                    .eventually(() -> inFlight.compareAndSet(self.get(), null))
                    .memoize().indefinitely();
            self.set(fresh);
            if (inFlight.compareAndSet(null, fresh)) {
                return fresh;
            }
        }
    }
}
