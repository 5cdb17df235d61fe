package io.cxvalue.contracts.outbox;

import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.OutboxEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayRoundsTest {

    private static final Instant T = Instant.parse("2026-03-14T09:26:53.589Z");
    private static final Duration WITHIN = Duration.ofSeconds(5);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OutboxMeters meters = OutboxMeters.register(registry, "test-service");
    private final Store store = new Store();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Function<OutboxEvent, Uni<Void>> broker = event -> {
        sent.add(event.eventId());
        return Uni.createFrom().voidItem();
    };

    @Test
    void drainsFullBatchesAndStopsAtTheFirstShortOne() {
        store.add(7);
        RelayRounds rounds = new RelayRounds(() -> true, () -> 3, store, broker, meters);

        assertEquals(7L, rounds.relay().await().atMost(WITHIN));

        assertEquals(List.of(3, 3, 1), store.batchSizes);
        assertEquals(store.written, sent, "every event once, in order");
        assertEquals(7.0, published());
        assertEquals(0, store.pending.size());
    }

    @Test
    void aFullLastBatchTakesOneMoreLookThatFindsNothing() {
        store.add(6);
        RelayRounds rounds = new RelayRounds(() -> true, () -> 3, store, broker, meters);

        assertEquals(6L, rounds.relay().await().atMost(WITHIN));

        assertEquals(List.of(3, 3, 0), store.batchSizes);
    }

    @Test
    void wakesDuringARoundRunItOnceMoreInsteadOfASecondRoundAtOnce() {
        store.add(2);
        CompletableFuture<Void> gate = store.holdNextBatch();
        RelayRounds rounds = new RelayRounds(() -> true, () -> 10, store, broker, meters);

        CompletableFuture<Long> first = rounds.relay().subscribeAsCompletionStage();
        // Written while the first batch is out, after it looked: three wakes, one more batch.
        store.add(1);
        assertEquals(0L, rounds.relay().await().atMost(WITHIN));
        assertEquals(0L, rounds.relay().await().atMost(WITHIN));
        rounds.wake();
        gate.complete(null);

        assertEquals(3L, first.join());
        assertEquals(List.of(2, 1), store.batchSizes);
        assertEquals(store.written, sent);

        // The round is over: the next one runs.
        store.add(1);
        assertEquals(1L, rounds.relay().await().atMost(WITHIN));
    }

    @Test
    void roundsStartedFromManyThreadsNeverOverlapAndLeaveNothingBehind() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            RelayRounds rounds = new RelayRounds(() -> true, () -> 5, store, broker, () -> threads, meters);
            List<CompletableFuture<Long>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                store.add(1);
                results.add(rounds.relay().subscribeAsCompletionStage());
            }
            long total = 0;
            for (CompletableFuture<Long> result : results) {
                total += result.get();
            }
            assertEquals(200L, total);
            assertEquals(0, store.pending.size());
            assertEquals(store.written, sent);
            assertEquals(0, store.maxConcurrent - 1, "one batch at a time");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailedPublishFailsTheRoundLeavesItsEventsPendingAndTheNextRoundSendsThem() {
        store.add(3);
        List<String> failOnce = new ArrayList<>(List.of("e-1"));
        Function<OutboxEvent, Uni<Void>> flaky = event -> failOnce.remove(event.eventId())
                ? Uni.createFrom().failure(new IllegalStateException("broker down"))
                : broker.apply(event);
        RelayRounds rounds = new RelayRounds(() -> true, () -> 10, store, flaky, meters);

        assertEquals(0L, rounds.relay().await().atMost(WITHIN));
        assertEquals(1.0, failedRounds());
        assertEquals(3, store.pending.size());

        assertEquals(3L, rounds.relay().await().atMost(WITHIN));
        assertEquals(0, store.pending.size());
        assertEquals(List.of("e-1", "e-2", "e-3"), sent.subList(sent.size() - 3, sent.size()));
        assertEquals(1.0, failedRounds());
    }

    @Test
    void aRoundThatCannotGetAPlaceToRunFailsWithoutBlockingTheNextOne() {
        store.add(1);
        List<Boolean> contextFails = new ArrayList<>(List.of(true));
        RelayRounds rounds = new RelayRounds(() -> true, () -> 10, store, broker, () -> {
            if (!contextFails.isEmpty() && contextFails.remove(0)) {
                throw new IllegalStateException("Vert.x closed");
            }
            return Runnable::run;
        }, meters);

        assertEquals(0L, rounds.relay().await().atMost(WITHIN));
        assertEquals(1.0, failedRounds());

        assertEquals(1L, rounds.relay().await().atMost(WITHIN));
    }

    @Test
    void wakesDoNothingWhileDisabledOrOnceStoppedButAnExplicitRoundStillRuns() {
        store.add(2);
        AtomicBoolean enabled = new AtomicBoolean(false);
        RelayRounds rounds = new RelayRounds(enabled::get, () -> 10, store, broker, meters);

        rounds.wake();
        enabled.set(true);
        rounds.stop();
        rounds.wake();
        assertEquals(List.of(), store.batchSizes);

        assertEquals(2L, rounds.relay().await().atMost(WITHIN));
    }

    @Test
    void wakeRunsARoundInTheBackground() {
        store.add(2);
        RelayRounds rounds = new RelayRounds(() -> true, () -> 10, store, broker, meters);

        rounds.wake();

        assertEquals(0, store.pending.size());
        assertEquals(2.0, published());
    }

    @Test
    void publishAllOfNothingCompletesAtOnce() {
        assertEquals(null, RelayRounds.publishAll(List.of(), broker).await().atMost(WITHIN));
        assertTrue(sent.isEmpty());
    }

    private double published() {
        return registry.get(OutboxMeters.PUBLISHED).tag("service", "test-service").counter()
                .count();
    }

    /** An outbox in memory: a batch takes the oldest events, publishes them, and removes them once all are acked. */
    private static final class Store implements RelayRounds.Batch {

        final Deque<OutboxEvent> pending = new ArrayDeque<>();
        final List<String> written = new ArrayList<>();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        private CompletableFuture<Void> hold;
        private int running;
        int maxConcurrent;
        private int sequence;

        synchronized void add(int count) {
            for (int i = 0; i < count; i++) {
                sequence++;
                OutboxEvent event = new OutboxEvent("e-" + sequence, EventType.ERASURE_COMPLETED, "cust-1", "{}", T,
                        sequence);
                pending.add(event);
                written.add(event.eventId());
            }
        }

        synchronized CompletableFuture<Void> holdNextBatch() {
            hold = new CompletableFuture<>();
            return hold;
        }

        @Override
        public Uni<RelayRounds.Relayed> relay(int limit, RelayRounds.Publisher publish, Executor roundContext) {
            List<OutboxEvent> claimed;
            CompletableFuture<Void> gate;
            synchronized (this) {
                running++;
                maxConcurrent = Math.max(maxConcurrent, running);
                claimed = pending.stream().limit(limit).toList();
                gate = hold;
                hold = null;
            }
            Uni<Void> waited = gate == null ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(gate);
            return waited.chain(() -> publish.publishAll(claimed))
                    .invoke(() -> {
                        synchronized (this) {
                            claimed.forEach(pending::remove);
                        }
                        batchSizes.add(claimed.size());
                    })
                    .eventually(() -> {
                        synchronized (this) {
                            running--;
                        }
                    })
                    .replaceWith(RelayRounds.Relayed.of(claimed.size(), limit));
        }
    }

    private double failedRounds() {
        return registry.get(OutboxMeters.FAILED_ROUNDS).tag("service", "test-service").counter().count();
    }
}
