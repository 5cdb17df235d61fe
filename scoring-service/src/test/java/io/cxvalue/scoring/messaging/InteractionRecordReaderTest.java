package io.cxvalue.scoring.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.scoring.messaging.InteractionRecordReader.ReceivedInteraction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

import static io.cxvalue.scoring.Interactions.interaction;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InteractionRecordReaderTest {

    private static final InteractionRecorded VALID =
            interaction("c-1", Channel.VOICE, Instant.parse("2026-03-01T10:00:00Z"));
    private static final String INTERACTION_TYPE = EventType.INTERACTION_RECORDED.ceType();

    @Test
    void readsAValidEventWithItsId() {
        ReceivedInteraction received = InteractionRecordReader.read(record("c-1", EventJson.write(VALID), "e-1",
                INTERACTION_TYPE));

        assertEquals("e-1", received.eventId());
        assertEquals(VALID, received.interaction());
    }

    @Test
    void acceptsFieldsAddedToTheV1PayloadLater() {
        ObjectNode json = EventJson.mapper().valueToTree(VALID);
        json.put("someFutureField", "x");

        ReceivedInteraction received = InteractionRecordReader.read(record("c-1", json.toString(), "e-1",
                INTERACTION_TYPE));

        assertEquals(VALID, received.interaction());
    }

    @Test
    void rejectsInvalidJson() {
        assertRejected(record("c-1", "{not json", "e-1", INTERACTION_TYPE), "Not a valid InteractionRecorded");
    }

    @Test
    void rejectsAnUnknownEventType() {
        assertRejected(record("c-1", EventJson.write(VALID), "e-1", "io.cxvalue.interaction.recorded.v9"),
                "Unknown event type io.cxvalue.interaction.recorded.v9");
    }

    @Test
    void rejectsAKnownEventTypeThatBelongsOnAnotherTopic() {
        assertRejected(record("c-1", "{\"customerId\":\"c-1\"}", "e-1", EventType.CUSTOMER_UPSERTED.ceType()),
                "does not belong on " + Topics.INTERACTIONS);
    }

    @Test
    void rejectsARecordWithoutEventId() {
        assertRejected(record("c-1", EventJson.write(VALID), null, INTERACTION_TYPE), "Missing ce_id");
        assertRejected(record("c-1", EventJson.write(VALID), " ", INTERACTION_TYPE), "Missing ce_id");
    }

    @Test
    void rejectsAnEventIdTooLongToStore() {
        assertRejected(record("c-1", EventJson.write(VALID), "e".repeat(256), INTERACTION_TYPE), "ce_id longer");
    }

    @Test
    void rejectsARecordWithoutEventType() {
        assertRejected(record("c-1", EventJson.write(VALID), "e-1", null), "Missing ce_type");
    }

    @Test
    void rejectsATombstone() {
        assertRejected(record("c-1", null, "e-1", INTERACTION_TYPE), "no payload");
    }

    @Test
    void rejectsAPayloadWithoutCustomerId() {
        assertRejected(record("c-1", withField(json -> json.putNull("customerId")), "e-1", INTERACTION_TYPE),
                "customerId is required");
    }

    @Test
    void rejectsAPayloadMissingARequiredField() {
        assertRejected(record("c-1", withField(json -> json.remove("startedAt")), "e-1", INTERACTION_TYPE),
                "startedAt is required");
        assertRejected(record("c-1", withField(json -> json.remove("channel")), "e-1", INTERACTION_TYPE),
                "channel is required");
    }

    @Test
    void rejectsAnUnknownChannel() {
        assertRejected(record("c-1", withField(json -> json.put("channel", "PIGEON")), "e-1", INTERACTION_TYPE),
                "Not a valid InteractionRecorded");
    }

    @Test
    void rejectsValuesOutsideTheContract() {
        assertRejected(record("c-1", withField(json -> json.put("sentiment", 1.5)), "e-1", INTERACTION_TYPE),
                "sentiment must be between -1 and 1");
        assertRejected(record("c-1", withField(json -> json.put("contactReason", "r".repeat(201))), "e-1",
                INTERACTION_TYPE), "contactReason must have 1 to 200 characters");
        String longId = "c".repeat(129);
        assertRejected(record(longId, withField(json -> json.put("customerId", longId)), "e-1", INTERACTION_TYPE),
                "customerId must have 1 to 128 characters");
    }

    @Test
    void rejectsARecordNotKeyedByItsCustomer() {
        assertRejected(record("c-2", EventJson.write(VALID), "e-1", INTERACTION_TYPE), "Record key");
        assertRejected(record(null, EventJson.write(VALID), "e-1", INTERACTION_TYPE), "Record key");
    }

    private static void assertRejected(ConsumerRecord<String, String> record, String reason) {
        MalformedEventException rejected =
                assertThrows(MalformedEventException.class, () -> InteractionRecordReader.read(record));
        assertThat(rejected.getMessage(), containsString(reason));
    }

    private static String withField(Consumer<ObjectNode> change) {
        ObjectNode json = EventJson.mapper().valueToTree(VALID);
        change.accept(json);
        return json.toString();
    }

    private static ConsumerRecord<String, String> record(String key, String value, String ceId, String ceType) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.INTERACTIONS, 0, 42L, key, value);
        if (ceId != null) {
            record.headers().add(CloudEventHeaders.ID, ceId.getBytes(StandardCharsets.UTF_8));
        }
        if (ceType != null) {
            record.headers().add(CloudEventHeaders.TYPE, ceType.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
