package io.cxvalue.contracts.outbox;

import io.cxvalue.contracts.OutboxEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Publishes outbox events through a service's outbox channel ({@link OutboxMessages}). A service's publisher extends
 * it with its {@code @Channel(OutboxMessages.CHANNEL)} emitter and its {@code ce_source}; no CDI here.
 */
public class ChannelPublisher {

    private final MutinyEmitter<String> emitter;
    private final String source;

    /** @param source the {@code ce_source} of every event the service publishes, e.g. {@code /scoring-service} */
    public ChannelPublisher(MutinyEmitter<String> emitter, String source) {
        this.emitter = emitter;
        this.source = source;
    }

    /** Completes when the broker has acknowledged the record (acks=all), fails if it could not be delivered. */
    public Uni<Void> publish(OutboxEvent event) {
        return emitter.sendMessage(OutboxMessages.message(event, source));
    }
}
