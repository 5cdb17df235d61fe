package io.cxvalue.contracts.outbox;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.OutboxEvent;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutboxMessagesTest {

    private static final Instant T = Instant.parse("2026-03-14T09:26:53.589Z");

    @Test
    void carriesThePayloadTopicKeyAndCloudEventHeadersOfTheStoredEvent() {
        OutboxEvent event = OutboxEvent.of(new ErasureCompleted("er-1", "cust-7", "scoring-service", T), T, 42);

        Message<String> message = OutboxMessages.message(event, "/scoring-service");

        assertEquals(event.payload(), message.getPayload());
        @SuppressWarnings("unchecked")
        OutgoingKafkaRecordMetadata<String> metadata = message.getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow();
        assertEquals(Topics.ERASURES, metadata.getTopic());
        assertEquals("cust-7", metadata.getKey());
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : metadata.getHeaders()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertEquals(Map.of(
                CloudEventHeaders.ID, event.eventId(),
                CloudEventHeaders.TYPE, event.type().ceType(),
                CloudEventHeaders.SOURCE, "/scoring-service",
                CloudEventHeaders.TIME, T.toString(),
                CloudEventHeaders.SUBJECT, "cust-7",
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON), headers);
    }

    @Test
    void aResendCarriesTheSameId() {
        OutboxEvent event = OutboxEvent.of(new ErasureCompleted("er-2", "cust-8", "reporting-service", T), T, 1);

        assertEquals(ceId(OutboxMessages.message(event, "/reporting-service")),
                ceId(OutboxMessages.message(event, "/reporting-service")));
    }

    @Test
    void aChannelPublisherSendsTheMessageOfTheEventThroughItsEmitter() {
        List<Message<?>> sent = new ArrayList<>();
        @SuppressWarnings("unchecked")
        MutinyEmitter<String> emitter = (MutinyEmitter<String>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MutinyEmitter.class}, (proxy, method, args) -> {
                    assertEquals("sendMessage", method.getName());
                    sent.add((Message<?>) args[0]);
                    return Uni.createFrom().voidItem();
                });
        OutboxEvent event = OutboxEvent.of(new ErasureCompleted("er-3", "cust-9", "experiment-service", T), T, 5);

        new ChannelPublisher(emitter, "/experiment-service").publish(event).await().indefinitely();

        assertEquals(1, sent.size());
        assertEquals(event.payload(), sent.get(0).getPayload());
        assertEquals(event.eventId(), ceId(sent.get(0)));
        assertEquals("/experiment-service", new String(sent.get(0).getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow().getHeaders().lastHeader(CloudEventHeaders.SOURCE).value(), StandardCharsets.UTF_8));
    }

    private static String ceId(Message<?> message) {
        return new String(message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getHeaders()
                .lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8);
    }
}
