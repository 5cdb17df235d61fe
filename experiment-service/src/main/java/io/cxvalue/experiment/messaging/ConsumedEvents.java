package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way experiment-service consumes a record: read and check it with contracts' {@link EventReader} (a
 * malformed record fails, so the channel dead-letters it), skip a type of the topic this service does not use, apply
 * the event with {@link StoreRetry} (an event whose store failures outlast the retries is dead-lettered too), and count
 * every outcome as {@code cx.experiment.events.consumed{channel, outcome}}.
 */
@ApplicationScoped
public class ConsumedEvents {

    private static final Logger LOG = Logger.getLogger(ConsumedEvents.class);

    private final StoreRetry storeRetry;
    private final MeterRegistry registry;

    public ConsumedEvents(StoreRetry storeRetry, MeterRegistry registry) {
        this.storeRetry = storeRetry;
        this.registry = registry;
    }

    /**
     * @param apply     the unit of work (one transaction, idempotent by event id)
     * @param outcome   the counted outcome of what {@code apply} returned
     * @param committed what to do once it committed (e.g. wake the outbox relay)
     */
    public <T extends CxEvent, R> Uni<Void> consume(String channel, ConsumerRecord<String, String> record,
            Class<T> type, Function<ReceivedEvent<T>, Uni<R>> apply, Function<R, String> outcome,
            Consumer<R> committed) {
        Optional<ReceivedEvent<T>> read;
        try {
            read = EventReader.read(record, type);
        } catch (MalformedEventException e) {
            LOG.warnf("Dead-lettering record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            count(channel, "rejected");
            return Uni.createFrom().failure(e);
        }
        if (read.isEmpty()) {
            count(channel, "ignored");
            return Uni.createFrom().voidItem();
        }
        ReceivedEvent<T> event = read.get();
        return storeRetry.apply(event.eventId(), () -> apply.apply(event))
                .invoke(result -> {
                    count(channel, outcome.apply(result));
                    committed.accept(result);
                })
                .onFailure().invoke(failure -> {
                    LOG.errorf("Dead-lettering event %s from %s-%d@%d: %s", event.eventId(), record.topic(),
                            record.partition(), record.offset(), failure.getMessage());
                    count(channel, "failed");
                })
                .replaceWithVoid();
    }

    private void count(String channel, String outcome) {
        registry.counter("cx.experiment.events.consumed", "channel", channel, "outcome", outcome).increment();
    }
}
