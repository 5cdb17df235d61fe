package io.cxvalue.ingestion.messaging;

import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.contracts.outbox.OutboxMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends outbox events to their topics as CloudEvents in Kafka binary mode, as {@code /ingestion-service}, through
 * the producer of the {@code outbox} channel (its configuration, metrics and health are the channel's).
 * <p>
 * Ingestion publishes in bulk (a batch of a thousand records is a thousand events), so a whole list is handed to the
 * producer in one step on the channel's sending thread, each record with a callback, instead of one message at a
 * time through the emitter: per event that spares the message, its metadata and the reactive pipeline, which
 * {@code ./cx bench ingestion} showed to cost more than the producer itself.
 */
@Singleton
public class OutboxPublisher {

    static final String SOURCE = "/ingestion-service";

    private final KafkaClientService clients;
    // Injected so that the channel, its producer and its health check exist; events go through the producer.
    @SuppressWarnings("unused")
    private final MutinyEmitter<String> channel;
    private volatile KafkaProducer<String, String> producer;

    public OutboxPublisher(KafkaClientService clients,
            @Channel(OutboxMessages.CHANNEL) MutinyEmitter<String> channel) {
        this.clients = clients;
        this.channel = channel;
    }

    /**
     * Completes when the broker has acknowledged every event (acks=all), fails with the first failure. The events
     * are sent in list order, which the idempotent producer keeps per partition.
     */
    public Uni<Void> publishAll(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        AtomicInteger outstanding = new AtomicInteger(events.size());
        return producer().runOnSendingThread(kafka -> {
                    for (OutboxEvent event : events) {
                        kafka.send(new ProducerRecord<>(event.type().topic(), null, event.key(), event.payload(),
                                event.headers(SOURCE)), (metadata, failure) -> {
                                    if (failure != null) {
                                        acknowledged.completeExceptionally(failure);
                                    } else if (outstanding.decrementAndGet() == 0) {
                                        acknowledged.complete(null);
                                    }
                                });
                    }
                })
                .chain(() -> Uni.createFrom().completionStage(acknowledged));
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> current = producer;
        if (current == null) {
            current = clients.getProducer(OutboxMessages.CHANNEL);
            if (current == null) {
                throw new IllegalStateException("The outbox channel has no Kafka producer");
            }
            producer = current;
        }
        return current;
    }
}
