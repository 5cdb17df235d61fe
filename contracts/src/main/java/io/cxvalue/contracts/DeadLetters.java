package io.cxvalue.contracts;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The dead-letter record a batch consumer sends for a record it cannot apply: the original value, key and headers
 * (so a parked record can be replayed), to {@code <topic>.dlq.<service>}, with the same {@code dead-letter-*}
 * headers the connector's dead-letter-queue strategy writes for per-record consumers.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * @param service       the consuming service (names the dead-letter topic)
     * @param consumerGroup the consumer group that gave up on it
     * @param onSendFailure called when the dead-letter record itself cannot be sent
     */
    public static Message<String> of(ConsumerRecord<String, String> record, String service, String consumerGroup,
            String reason, BiConsumer<ConsumerRecord<String, String>, Throwable> onSendFailure) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-consumer", consumerGroup.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        return Message.of(record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(Topics.deadLetter(record.topic(), service))
                        .withKey(record.key())
                        .withHeaders(headers)
                        .build())
                .withNack(failure -> {
                    onSendFailure.accept(record, failure);
                    return CompletableFuture.completedFuture(null);
                });
    }
}
