package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.consumer.StoreRetries;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.reporting.config.ReportingConfig;
import io.cxvalue.reporting.service.ErasureOutcome;
import io.cxvalue.reporting.service.ErasureService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Consumes {@code cx.erasures} (consumer group {@code reporting-service}), anonymises the requested customer's
 * facts and queues reporting's ErasureCompleted confirmation in the outbox, then wakes the {@link OutboxRelay}.
 * <p>
 * The ErasureCompleted events of every service share the topic; they are valid events this consumer has no use for
 * and are acknowledged and skipped. As in {@link InteractionConsumer}, a record that contracts' {@link EventReader}
 * rejects, or whose writes keep failing after the {@link StoreRetries} budget, is nacked and parked on
 * {@code cx.erasures.dlq.reporting-service} with the reason in its headers; consumption goes on.
 */
@ApplicationScoped
public class ErasureConsumer {

    static final String CHANNEL = "erasures";
    static final String METRIC = "cx.reporting.erasures";

    private static final Logger LOG = Logger.getLogger(ErasureConsumer.class);

    private final ErasureService erasures;
    private final OutboxRelay relay;
    private final ReportingConfig.StoreRetry storeRetry;
    private final Counter erased;
    private final Counter duplicates;
    private final Counter ignored;
    private final Counter rejected;
    private final Counter failed;

    ErasureConsumer(ErasureService erasures, OutboxRelay relay, ReportingConfig config, MeterRegistry registry) {
        this.erasures = erasures;
        this.relay = relay;
        this.storeRetry = config.storeRetry();
        this.erased = outcomeCounter(registry, "erased", "Erasures applied to the contact facts");
        this.duplicates = outcomeCounter(registry, "duplicate", "Erasure requests ignored as already applied");
        this.ignored = outcomeCounter(registry, "ignored", "Events of another type of the topic (confirmations)");
        this.rejected = outcomeCounter(registry, "rejected", "Malformed erasure events sent to the dead-letter topic");
        this.failed = outcomeCounter(registry, "failed", "Erasure requests dead-lettered because they could not be stored");
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Optional<ReceivedEvent<ErasureRequested>> read;
        try {
            read = EventReader.read(record, ErasureRequested.class);
        } catch (MalformedEventException e) {
            rejected.increment();
            LOG.warnf("Rejecting %s: %s", position(record), e.getMessage());
            return Uni.createFrom().failure(e);
        }
        if (read.isEmpty()) {
            ignored.increment();
            return Uni.createFrom().voidItem();
        }
        String eventId = read.get().eventId();
        ErasureRequested request = read.get().event();
        return StoreRetries.withRetry(erasures.erase(eventId, request), storeRetry.policy(),
                        ReportingConfig.StoreRetry::isStoreFailure, null)
                .invoke(outcome -> {
                    (outcome == ErasureOutcome.ERASED ? erased : duplicates).increment();
                    // A redelivery may follow a crash before the confirmation was published: wake the relay either way.
                    relay.wake();
                })
                .onFailure().invoke(failure -> {
                    failed.increment();
                    LOG.errorf(failure, "Could not apply %s (erasure %s, event %s); dead-lettering it",
                            position(record), request.erasureId(), eventId);
                })
                .replaceWithVoid();
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static Counter outcomeCounter(MeterRegistry registry, String outcome, String description) {
        return Counter.builder(METRIC).tag("outcome", outcome).description(description).register(registry);
    }
}
