package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.outbox.ChannelPublisher;
import io.cxvalue.contracts.outbox.OutboxMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Sends outbox events to their topics as CloudEvents in Kafka binary mode, as {@code /scoring-service}. */
@Singleton
public class OutboxPublisher extends ChannelPublisher {

    /** Room for the largest relay batch: the relay sends a whole batch before it awaits the acks. */
    static final long BUFFER = 4_096;

    public OutboxPublisher(@Channel(OutboxMessages.CHANNEL)
            @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) MutinyEmitter<String> emitter) {
        super(emitter, "/scoring-service");
    }
}
