package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.CustomerUpserted;
import io.cxvalue.contracts.events.CustomersMerged;
import io.cxvalue.contracts.events.IdentityLinked;
import io.cxvalue.scoring.config.ScoringConfig;
import io.cxvalue.scoring.service.CustomerService;
import io.cxvalue.scoring.service.EventOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Applies {@code cx.customers}: customer upserts and identity links (the identity keys of the caller lookup) and
 * merges (the merged customers' state folded into the survivor). The three event types are read with contracts'
 * {@link EventReader} for any type of the topic and dispatched on {@code ce_type}. Malformed records are
 * dead-lettered to {@code cx.customers.dlq.scoring-service}, store failures retried with back-off
 * ({@link ConsumedEvents}).
 */
@ApplicationScoped
@Startup
public class CustomerConsumer {

    private static final Set<EventType> HANDLED = EnumSet.of(
            EventType.CUSTOMER_UPSERTED, EventType.IDENTITY_LINKED, EventType.CUSTOMERS_MERGED);

    private final CustomerService customers;
    private final ConsumedEvents events;

    public CustomerConsumer(CustomerService customers, ScoringConfig config, MeterRegistry registry) {
        this.customers = customers;
        this.events = new ConsumedEvents(Topics.CUSTOMERS, CustomerConsumer.class, config, registry);
    }

    @Incoming("customers")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return events.consume(record, CustomerConsumer::read, received -> apply(record.topic(), received));
    }

    private Uni<EventOutcome> apply(String topic, ReceivedEvent<CxEvent> received) {
        String eventId = received.eventId();
        return switch (received.type()) {
            case CUSTOMER_UPSERTED -> customers.upsert(eventId, topic, (CustomerUpserted) received.event());
            case IDENTITY_LINKED -> customers.link(eventId, topic, (IdentityLinked) received.event());
            case CUSTOMERS_MERGED -> customers.merge(eventId, topic, (CustomersMerged) received.event());
            // read() lets through only the types above.
            default -> throw new IllegalStateException("Unexpected event type " + received.type());
        };
    }

    private static Optional<ReceivedEvent<CxEvent>> read(ConsumerRecord<String, String> record) {
        ReceivedEvent<CxEvent> received = EventReader.read(record);
        // A type added to cx.customers later is a valid event scoring does not use (yet): skipped.
        return HANDLED.contains(received.type()) ? Optional.of(received) : Optional.empty();
    }
}
