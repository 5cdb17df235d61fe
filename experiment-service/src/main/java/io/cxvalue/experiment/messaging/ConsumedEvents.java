package io.cxvalue.experiment.messaging;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.consumer.ConsumerMeters;
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
 * every outcome as contracts' {@code cx.consumer.events{service, group, topic, outcome}}.
 */
@ApplicationScoped
public class ConsumedEvents {

    /** The service and the consumer group of the per-record consumers (scores, erasures). */
    static final String SERVICE = "experiment-service";
    static final String GROUP = "experiment-service";

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
    public <T extends CxEvent, R> Uni<Void> consume(ConsumerRecord<String, String> record,
            Class<T> type, Function<ReceivedEvent<T>, Uni<R>> apply, Function<R, String> outcome,
            Consumer<R> committed) {
        Optional<ReceivedEvent<T>> read;
        try {
            read = EventReader.read(record, type);
        } catch (MalformedEventException e) {
            LOG.warnf("Dead-lettering record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            count(record, "rejected");
            return Uni.createFrom().failure(e);
        }
        if (read.isEmpty()) {
            count(record, "ignored");
            return Uni.createFrom().voidItem();
        }
        ReceivedEvent<T> event = read.get();
        return storeRetry.apply(event.eventId(), () -> apply.apply(event))
                .invoke(result -> {
                    count(record, outcome.apply(result));
                    committed.accept(result);
                })
                .onFailure().invoke(failure -> {
                    LOG.errorf("Dead-lettering event %s from %s-%d@%d: %s", event.eventId(), record.topic(),
                            record.partition(), record.offset(), failure.getMessage());
                    count(record, "failed");
                })
                .replaceWithVoid();
    }

    private void count(ConsumerRecord<String, String> record, String outcome) {
        ConsumerMeters.events(registry, SERVICE, GROUP, record.topic(), outcome).increment();
    }
}
