package io.cxvalue.contracts.consumer;

import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.TransactionKind;
import io.cxvalue.contracts.events.TransactionRecorded;
import io.cxvalue.contracts.consumer.PollConsumer.Applied;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The skeleton's decisions, with the unit of work played by a function over the event ids. */
class PollConsumerTest {

    private static final PollConsumer.Retry TWO_QUICK_RETRIES = new PollConsumer.Retry(2, Duration.ofMillis(1),
            Duration.ofMillis(2));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeadLetterSink deadLetters = new DeadLetterSink();
    private final PollConsumer consumer = new PollConsumer(PollConsumerTest.class, "test-service", "test-group",
            List.of(Topics.TRANSACTIONS), TWO_QUICK_RETRIES, () -> null, deadLetters, registry);
    /** Every call of the unit of work, as the event ids it was given. */
    private final List<List<String>> calls = new ArrayList<>();
    private final List<String> stored = new ArrayList<>();

    @Test
    void eachInTurnAppliesInOrderOneAtATimeAndCountsTheChanges() {
        List<Integer> seen = new ArrayList<>();
        int[] running = {0};
        PollConsumer.Applied applied = PollConsumer.eachInTurn(List.of(1, 2, 3, 4, 5),
                        n -> Uni.createFrom().item(() -> {
                                    running[0]++;
                                    seen.add(n);
                                    return n;
                                })
                                .onItem().delayIt().by(Duration.ofMillis(5))
                                .invoke(() -> assertEquals(1, running[0]--, "one event at a time")),
                        n -> n % 2 == 1)
                .await().atMost(Duration.ofSeconds(5));
        assertEquals(List.of(1, 2, 3, 4, 5), seen);
        assertEquals(new PollConsumer.Applied(3, 2), applied);
    }

    @Test
    void aPollIsAppliedInOneUnitOfWorkWithTheMalformedRecordParkedAndTheUnusedTypeSkipped() {
        consume(List.of(record("e1"), record("bad"), record("other"), record("e2")), ids -> true);

        assertEquals(List.of(List.of("e1", "e2")), calls);
        assertEquals(List.of("e1", "e2"), stored);
        assertEquals(List.of("bad"), deadLetters.values);
        assertEquals(Topics.deadLetter(Topics.TRANSACTIONS, "test-service"), deadLetters.topics.get(0));
        assertEquals(2.0, count("applied"));
        assertEquals(1.0, count("rejected"));
        assertEquals(1.0, count("ignored"));
    }

    @Test
    void aStoreFailureWithinTheRetriesLosesNothingAndParksNothing() {
        int[] failuresLeft = {2};
        consume(List.of(record("e1"), record("e2")), ids -> failuresLeft[0]-- <= 0);

        assertEquals(3, calls.size());
        assertEquals(List.of("e1", "e2"), stored);
        assertEquals(List.of(), deadLetters.values);
        assertEquals(2.0, registry.get(PollConsumer.FAILED_ATTEMPTS).counter().count());
    }

    @Test
    void aPoisonEventIsParkedAloneAndTheRestOfItsPollApplied() {
        consume(List.of(record("e1"), record("poison"), record("e3")), ids -> !ids.contains("poison"));

        // Three attempts of the whole poll, then one of each event.
        assertEquals(List.of(List.of("e1", "poison", "e3"), List.of("e1", "poison", "e3"),
                List.of("e1", "poison", "e3"), List.of("e1"), List.of("poison"), List.of("e3")), calls);
        assertEquals(List.of("e1", "e3"), stored);
        assertEquals(List.of("poison"), deadLetters.values);
        assertEquals(2.0, count("applied"));
        assertEquals(1.0, count("failed"));
    }

    @Test
    void aStoreAwayLongerThanTheRetriesIsWaitedForAndNothingIsParked() {
        int[] refusedConnections = {10}; // the whole poll's three attempts, then seven more while the store is away
        consumer.consume(List.of(record("e1"), record("e2")), PollConsumerTest::read, events -> Uni.createFrom()
                .deferred(() -> {
                    List<String> ids = events.stream().map(ReceivedEvent::eventId).toList();
                    calls.add(ids);
                    if (refusedConnections[0]-- > 0) {
                        return Uni.createFrom().failure(new IllegalStateException("pool",
                                new java.net.ConnectException("Connection refused")));
                    }
                    stored.addAll(ids);
                    return Uni.createFrom().item(new Applied(ids.size(), 0));
                })).await().atMost(Duration.ofSeconds(10));

        assertEquals(11, calls.size());
        assertTrue(calls.stream().allMatch(ids -> ids.equals(List.of("e1", "e2"))), "never split: " + calls);
        assertEquals(List.of("e1", "e2"), stored);
        assertEquals(List.of(), deadLetters.values);
        assertEquals(2.0, count("applied"));
    }

    @Test
    void storeOutagesAreToldFromRefusals() {
        assertTrue(StoreOutages.isOutage(new RuntimeException(new java.net.ConnectException("refused"))));
        assertTrue(StoreOutages.isOutage(new java.sql.SQLException("terminating connection", "57P01")));
        assertTrue(StoreOutages.isOutage(new java.sql.SQLException("no connection", "08006")));
        assertFalse(StoreOutages.isOutage(new java.sql.SQLException("duplicate key", "23505")));
        assertFalse(StoreOutages.isOutage(new IllegalStateException("store refused [poison]")));
    }

    @Test
    void outOfMemoryFailsThePollAndParksNothing() {
        Throwable failure = assertThrows(Throwable.class, () -> consumer.consume(List.of(record("e1")),
                PollConsumerTest::read, events -> Uni.createFrom().failure(new OutOfMemoryError("test")))
                .await().indefinitely());
        // await() wraps an Error in a CompletionException.
        assertInstanceOf(OutOfMemoryError.class, failure.getCause() == null ? failure : failure.getCause());
        assertEquals(List.of(), deadLetters.values);
    }

    /** Applies the poll: {@code succeeds} decides from the event ids whether the unit of work commits. */
    private void consume(List<ConsumerRecord<String, String>> records, Function<List<String>, Boolean> succeeds) {
        consumer.consume(records, PollConsumerTest::read, events -> Uni.createFrom().deferred(() -> {
            List<String> ids = events.stream().map(ReceivedEvent::eventId).toList();
            calls.add(ids);
            if (!succeeds.apply(ids)) {
                return Uni.createFrom().failure(new IllegalStateException("store refused " + ids));
            }
            stored.addAll(ids);
            return Uni.createFrom().item(new Applied(ids.size(), 0));
        })).await().atMost(Duration.ofSeconds(10));
    }

    private double count(String outcome) {
        return registry.get(PollConsumer.EVENTS).tag("outcome", outcome).counter().count();
    }

    /** The record's value is its event id; "bad" breaks the contract, "other" is a type the consumer does not use. */
    private static Optional<ReceivedEvent<TransactionRecorded>> read(ConsumerRecord<String, String> record) {
        return switch (record.value()) {
            case "bad" -> throw new MalformedEventException("bad record");
            case "other" -> Optional.empty();
            default -> Optional.of(new ReceivedEvent<>(record.value(), EventType.TRANSACTION_RECORDED, null, null,
                    new TransactionRecorded("t-" + record.value(), "shop", record.value(), "c-1",
                            TransactionKind.PURCHASE, BigDecimal.TEN, "EUR", null, Instant.EPOCH, null, null)));
        };
    }

    private static ConsumerRecord<String, String> record(String value) {
        return new ConsumerRecord<>(Topics.TRANSACTIONS, 0, 0, "c-1", value);
    }

    /** Records what was dead-lettered (the topic each message names, and its value). */
    private static final class DeadLetterSink implements Emitter<String> {

        final List<String> values = new ArrayList<>();
        final List<String> topics = new ArrayList<>();

        @Override
        public CompletionStage<Void> send(String payload) {
            values.add(payload);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public <M extends Message<? extends String>> void send(M message) {
            values.add(message.getPayload());
            message.getMetadata(OutgoingKafkaRecordMetadata.class).ifPresent(m -> topics.add(m.getTopic()));
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
