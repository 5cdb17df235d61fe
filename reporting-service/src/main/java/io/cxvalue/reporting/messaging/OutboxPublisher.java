package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.reporting.config.ReportingConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends outbox events as CloudEvents in Kafka binary mode to their type's topic: JSON payload as the value, the
 * customer id as the key, the CloudEvents attributes (with the {@code ce_id} fixed in the outbox) as headers.
 */
@ApplicationScoped
public class OutboxPublisher {

    static final String CHANNEL = "outbox";

    /** The {@code ce_source} of every event reporting publishes. */
    static final String SOURCE = "/reporting-service";

    private final MutinyEmitter<String> emitter;

    OutboxPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = ReportingConfig.Outbox.MAX_BATCH_SIZE) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the record (acks=all); fails if it could not be delivered. */
    public Uni<Void> publish(OutboxEvent event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.type().topic())
                .withKey(event.key())
                .withHeaders(event.headers(SOURCE))
                .build();
        return emitter.sendMessage(Message.of(event.payload()).addMetadata(metadata));
    }
}
