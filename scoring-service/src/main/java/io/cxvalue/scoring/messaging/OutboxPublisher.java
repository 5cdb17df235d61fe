package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.OutboxEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends outbox events to their topics as CloudEvents in Kafka binary mode: the JSON payload as the value, the
 * customer id as the key, the CloudEvents attributes as headers.
 */
@ApplicationScoped
public class OutboxPublisher {

    /** The {@code ce_source} of every event scoring publishes. */
    public static final String SOURCE = "/scoring-service";

    /** Room for the largest relay batch: the relay sends a whole batch before it awaits the acks. */
    static final long BUFFER = 4_096;

    private final MutinyEmitter<String> emitter;

    public OutboxPublisher(@Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the record (acks=all), fails if it could not be delivered. */
    public Uni<Void> publish(OutboxEvent event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.type().topic())
                .withKey(event.key())
                .withHeaders(event.headers(SOURCE))
                .build();
        return emitter.sendMessage(Message.of(event.payload()).addMetadata(metadata));
    }
}
