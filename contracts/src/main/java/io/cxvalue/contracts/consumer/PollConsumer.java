package io.cxvalue.contracts.consumer;

import io.cxvalue.contracts.DeadLetters;
import io.cxvalue.contracts.MalformedEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one consumer skeleton: what a batch consumer does with one poll of a topic.
 * <ol>
 *   <li>Reads every record with the given reader (contracts' {@code EventReader}): a malformed record is parked on
 *       {@code <topic>.dlq.<service>} at once (it can never succeed), a valid event of a type the consumer does not
 *       use is skipped.</li>
 *   <li>Applies the rest in one unit of work (one transaction, set-based, idempotent by event id, in record order so
 *       one customer's events keep their order), retried with back-off while it fails: a store outage, a fail-over
 *       or a lock conflict says nothing about the events.</li>
 *   <li>When the retries are exhausted by a store that is away ({@link StoreOutages}: connection refused or lost,
 *       no server, shutting down), keeps trying every {@code maxBackoff} until it is back: the events are fine, and
 *       parking them would lose them for every reader of the store.</li>
 *   <li>When the retries are exhausted otherwise, applies each event alone once, so that one event the store refuses
 *       (a poison event) does not take the rest of the poll with it; the events that still fail are parked, so the
 *       partitions keep moving and a parked event can be replayed (applying is idempotent).</li>
 * </ol>
 * An {@link VirtualMachineError} (out of memory) says nothing about the records: it fails the stream (health down,
 * restart) and nothing is parked. Meters: {@link ConsumerMeters}, tagged with the service, the group and the topic.
 */
public final class PollConsumer {

    public static final String EVENTS = ConsumerMeters.EVENTS;
    public static final String FAILED_ATTEMPTS = ConsumerMeters.FAILED_ATTEMPTS;
    public static final String APPLY_TIME = ConsumerMeters.APPLY_TIME;

    /** How a failing unit of work is retried. */
    public record Retry(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
    }

    /** What applying a batch did: events that changed the store, and repeats (already applied) skipped. */
    public record Applied(int applied, int duplicates) {

        public static final Applied NOTHING = new Applied(0, 0);

        public Applied plus(Applied other) {
            return new Applied(applied + other.applied, duplicates + other.duplicates);
        }
    }

    private final System.Logger log;
    private final String service;
    private final String group;
    private final Retry retry;
    private final Supplier<ScheduledExecutorService> retryExecutor;
    private final Emitter<String> deadLetters;
    private final MeterRegistry registry;

    /**
     * @param topics        the topics this consumer reads, whose meters are registered (at zero) at once
     * @param retryExecutor where a retry runs (e.g. back on the Vert.x context a reactive store needs); asked at
     *                      the start of each poll, on the consumer's thread
     * @param deadLetters   an emitter to the dead-letter topics (each message names its topic)
     */
    public PollConsumer(Class<?> consumer, String service, String group, List<String> topics, Retry retry,
            Supplier<ScheduledExecutorService> retryExecutor, Emitter<String> deadLetters, MeterRegistry registry) {
        this.log = System.getLogger(consumer.getName());
        this.service = service;
        this.group = group;
        this.retry = retry;
        this.retryExecutor = retryExecutor;
        this.deadLetters = deadLetters;
        this.registry = registry;
        for (String topic : topics) {
            for (String outcome : List.of("applied", "duplicate", "ignored", "rejected", "failed")) {
                events(topic, outcome);
            }
            failedAttempts(topic);
            applyTime(topic);
        }
    }

    /**
     * Applies a poll's events one after the other, each in its own unit of work: for low-volume topics whose events
     * each change much (an erasure, an experiment started). Counts as applied those whose result {@code changed}
     * says changed the store, the rest as repeats.
     */
    public static <E, R> Uni<Applied> eachInTurn(List<E> events, Function<E, Uni<R>> apply, Predicate<R> changed) {
        return Multi.createFrom().iterable(events)
                .onItem().<R>transformToUniAndConcatenate(apply::apply)
                .collect().asList()
                .map(results -> {
                    int applied = (int) results.stream().filter(changed).count();
                    return new Applied(applied, events.size() - applied);
                });
    }

    /**
     * Consumes one poll.
     *
     * @param reader returns the event (usually a {@code ReceivedEvent} of contracts' {@code EventReader}), or
     *               empty for a valid event of a type this consumer does not use; throws
     *               {@link MalformedEventException} for a record that breaks the contract
     * @param apply  applies the events in one unit of work, opening it on each call (it is called again on each
     *               retry)
     * @param <E>    what the reader makes of a record
     */
    public <E> Uni<Void> consume(Iterable<ConsumerRecord<String, String>> records,
            Function<ConsumerRecord<String, String>, Optional<E>> reader, Function<List<E>, Uni<Applied>> apply) {
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        List<E> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            Optional<E> event;
            try {
                event = reader.apply(record);
            } catch (MalformedEventException e) {
                events(record.topic(), "rejected").increment();
                log.log(Level.WARNING, "Rejecting {0}: {1}", position(record), e.getMessage());
                deadLetter(record, e.getMessage());
                continue;
            }
            if (event.isEmpty()) {
                events(record.topic(), "ignored").increment();
                continue;
            }
            read.add(record);
            events.add(event.get());
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String topic = read.get(0).topic();
        ScheduledExecutorService executor = retryExecutor.get();
        Timer.Sample sample = Timer.start(registry);
        return withRetry(topic, read, () -> apply.apply(events), executor)
                .invoke(applied -> {
                    sample.stop(applyTime(topic));
                    count(topic, applied);
                })
                .onFailure(failure -> !(failure instanceof VirtualMachineError))
                .recoverWithUni(failure -> {
                    log.log(Level.WARNING, "A poll of {0} events from {1} failed {2} times ({3}); applying them "
                            + "one by one", events.size(), position(read.get(0)), retry.maxRetries() + 1,
                            failure.toString());
                    return oneByOne(read, events, apply).replaceWith(Applied.NOTHING);
                })
                .replaceWithVoid();
    }

    /** Each event alone, once, in order; those the store still refuses are parked. */
    private <E> Uni<Void> oneByOne(List<ConsumerRecord<String, String>> read, List<E> events,
            Function<List<E>, Uni<Applied>> apply) {
        return Multi.createFrom().range(0, events.size())
                .onItem().transformToUniAndConcatenate(i -> Uni.createFrom()
                        .deferred(() -> apply.apply(List.of(events.get(i))))
                        // the store went away meanwhile: wait for it rather than park a good event
                        .onFailure(StoreOutages::isOutage)
                        .recoverWithUni(outage -> withRetry(read.get(i).topic(), List.of(read.get(i)),
                                () -> apply.apply(List.of(events.get(i))), retryExecutor.get()))
                        .invoke(applied -> count(read.get(i).topic(), applied))
                        .onFailure(failure -> !(failure instanceof VirtualMachineError))
                        .recoverWithItem(failure -> {
                            ConsumerRecord<String, String> record = read.get(i);
                            events(record.topic(), "failed").increment();
                            log.log(Level.ERROR, "Giving up on {0}: {1}; dead-lettering it", position(record),
                                    failure.toString());
                            deadLetter(record, failure.getMessage());
                            return Applied.NOTHING;
                        }))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Applied> withRetry(String topic, List<ConsumerRecord<String, String>> read,
            Supplier<Uni<Applied>> apply, ScheduledExecutorService executor) {
        Uni<Applied> attempt = Uni.createFrom().<Applied>deferred(apply::get)
                .onFailure(failure -> !(failure instanceof VirtualMachineError)).invoke(failure -> {
                    failedAttempts(topic).increment();
                    log.log(Level.WARNING, "Applying {0} events from {1} failed: {2}", read.size(),
                            position(read.get(0)), failure.toString());
                });
        return StoreRetries.withRetry(attempt, retry, failure -> true, executor);
    }

    /** Counts a poll's outcome on the topic of its first record (a poll's events can span topics; the sum holds). */
    private void count(String topic, Applied applied) {
        if (applied.applied() > 0) {
            events(topic, "applied").increment(applied.applied());
        }
        if (applied.duplicates() > 0) {
            events(topic, "duplicate").increment(applied.duplicates());
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        deadLetters.send(DeadLetters.of(record, service, group, reason,
                (failed, failure) -> log.log(Level.ERROR, "Could not dead-letter {0}: {1}", position(failed),
                        failure.getMessage())));
    }

    private Counter events(String topic, String outcome) {
        return ConsumerMeters.events(registry, service, group, topic, outcome);
    }

    private Counter failedAttempts(String topic) {
        return ConsumerMeters.failedAttempts(registry, service, group, topic);
    }

    private Timer applyTime(String topic) {
        return Timer.builder(APPLY_TIME)
                .description("Time to apply one poll's events, retries included")
                .tags("service", service, "group", group, "topic", topic)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
