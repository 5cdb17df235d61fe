package io.cxvalue.contracts.outbox;

import io.cxvalue.contracts.OutboxEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Outbox events as Kafka messages: CloudEvents in binary mode, the JSON payload as the value, the customer id as the
 * key (the experiment id on cx.experiments), the event type's topic, and the CloudEvents attributes (with the {@code ce_id} fixed in the outbox) as headers.
 */
public final class OutboxMessages {

    /** The outgoing channel every relay publishes through; its connector sets no topic of its own per record. */
    public static final String CHANNEL = "outbox";

    private OutboxMessages() {
    }

    /**
     * The message that publishes {@code event}.
     *
     * @param source the {@code ce_source} of the publishing service, e.g. {@code /scoring-service}
     */
    public static Message<String> message(OutboxEvent event, String source) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.type().topic())
                .withKey(event.key())
                .withHeaders(event.headers(source))
                .build();
        return Message.of(event.payload()).addMetadata(metadata);
    }
}
