package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.outbox.ChannelPublisher;
import io.cxvalue.contracts.outbox.OutboxMessages;
import io.cxvalue.reporting.config.ReportingConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Sends outbox events to their type's topic as CloudEvents in Kafka binary mode, as {@code /reporting-service}. */
@Singleton
public class OutboxPublisher extends ChannelPublisher {

    OutboxPublisher(@Channel(OutboxMessages.CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = ReportingConfig.Outbox.MAX_BATCH_SIZE) MutinyEmitter<String> emitter) {
        super(emitter, "/reporting-service");
    }
}
