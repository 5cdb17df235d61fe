package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventReader;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.ReceivedEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.consumer.PollConsumer;
import io.cxvalue.scoring.service.CustomerService;
import io.cxvalue.support.consumer.PollConsumers;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies {@code cx.customers}: customer upserts and identity links (the identity keys of the caller lookup) and
 * merges (the merged customers' state folded into the survivor), a poll at a time ({@link CustomerService#apply}).
 * The three event types are read with contracts' {@link EventReader} for any type of the topic. Malformed records
 * are dead-lettered to {@code cx.customers.dlq.scoring-service}, store failures retried with back-off
 * ({@link PollConsumer}).
 */
@ApplicationScoped
// Created at start rather than on the first poll, so that its meters are exported (at zero) from the beginning.
@Startup
public class CustomerConsumer {

    private static final Set<EventType> HANDLED = EnumSet.of(
            EventType.CUSTOMER_UPSERTED, EventType.IDENTITY_LINKED, EventType.CUSTOMERS_MERGED);

    private final CustomerService customers;
    private final PollConsumer poll;

    public CustomerConsumer(CustomerService customers, PollConsumers consumers) {
        this.customers = customers;
        this.poll = consumers.onVertxContext(CustomerConsumer.class, List.of(Topics.CUSTOMERS));
    }

    /** One poll, in record order. */
    @Incoming("customers")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return poll.consume(records, CustomerConsumer::read, events -> customers.apply(Topics.CUSTOMERS, events));
    }

    private static Optional<ReceivedEvent<CxEvent>> read(ConsumerRecord<String, String> record) {
        ReceivedEvent<CxEvent> received = EventReader.read(record);
        // A type added to cx.customers later is a valid event scoring does not use (yet): skipped.
        return HANDLED.contains(received.type()) ? Optional.of(received) : Optional.empty();
    }
}
