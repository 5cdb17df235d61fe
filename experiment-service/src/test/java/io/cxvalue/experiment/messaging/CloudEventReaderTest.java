package io.cxvalue.experiment.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.experiment.TestInteractions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudEventReaderTest {

    private static final String INTERACTION = EventType.INTERACTION_RECORDED.ceType();

    private final CloudEventReader reader = new CloudEventReader();
    private final InteractionRecorded interaction = TestInteractions.handledUnder("exp-1", "aht-target", "cust-1");

    @Test
    void readsAValidEvent() {
        ReceivedEvent event = reader.read(record(Topics.INTERACTIONS, "event-1", INTERACTION,
                EventJson.write(interaction)));

        assertEquals("event-1", event.id());
        assertEquals(EventType.INTERACTION_RECORDED, event.type());
        assertEquals(interaction, event.payload());
    }

    @Test
    void toleratesFieldsAddedToTheEventByANewerContract() {
        ObjectNode json = tree(interaction);
        json.put("addedLater", "any value");
        ((ObjectNode) json.get("experiment")).put("cohort", 3);

        ReceivedEvent event = reader.read(record(Topics.INTERACTIONS, "event-1", INTERACTION, json.toString()));

        assertEquals(interaction, event.payload());
    }

    @Test
    void rejectsAnOutOfRangeValue() {
        ObjectNode json = tree(interaction);
        json.put("queueSeconds", 604_801);

        assertRejected(json.toString(), "violates the " + INTERACTION + " schema");
    }

    @Test
    void rejectsARecordWithoutEventId() {
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> reader.read(
                record(Topics.INTERACTIONS, null, INTERACTION, EventJson.write(interaction))));
        assertEquals("Missing ce_id header", e.getMessage());

        assertThrows(MalformedEventException.class, () -> reader.read(
                record(Topics.INTERACTIONS, "  ", INTERACTION, EventJson.write(interaction))));
        assertThrows(MalformedEventException.class, () -> reader.read(
                record(Topics.INTERACTIONS, "x".repeat(129), INTERACTION, EventJson.write(interaction))));
    }

    @Test
    void rejectsAnUnknownOrMisplacedEventType() {
        MalformedEventException unknown = assertThrows(MalformedEventException.class, () -> reader.read(
                record(Topics.INTERACTIONS, "event-1", "io.cxvalue.interaction.recorded.v9",
                        EventJson.write(interaction))));
        assertEquals("Unknown event type io.cxvalue.interaction.recorded.v9", unknown.getMessage());

        MalformedEventException misplaced = assertThrows(MalformedEventException.class, () -> reader.read(
                record(Topics.INTERACTIONS, "event-1", EventType.CUSTOMER_SCORED.ceType(),
                        EventJson.write(interaction))));
        assertTrue(misplaced.getMessage().contains("does not belong on topic cx.interactions"),
                misplaced.getMessage());

        assertThrows(MalformedEventException.class, () -> reader.read(
                record(Topics.INTERACTIONS, "event-1", null, EventJson.write(interaction))));
    }

    @Test
    void rejectsAPayloadThatIsNotJson() {
        assertRejected("{\"interactionId\": ", "Payload is not JSON");
        assertRejected(EventJson.write(interaction) + " trailing", "Payload is not JSON");
        assertRejected("", "Empty payload");
        assertRejected(null, "Empty payload");
    }

    @Test
    void rejectsAPayloadThatBreaksTheSchema() {
        ObjectNode nullCustomer = tree(interaction);
        nullCustomer.putNull("customerId");
        assertRejected(nullCustomer.toString(), "customerId");

        ObjectNode noInteractionId = tree(interaction);
        noInteractionId.remove("interactionId");
        assertRejected(noInteractionId.toString(), "interactionId");

        ObjectNode badExperiment = tree(interaction);
        ((ObjectNode) badExperiment.get("experiment")).put("variant", "");
        assertRejected(badExperiment.toString(), "variant");

        ObjectNode badTime = tree(interaction);
        badTime.put("startedAt", "yesterday");
        assertRejected(badTime.toString(), "startedAt");
    }

    private void assertRejected(String payload, String reasonFragment) {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> reader.read(record(Topics.INTERACTIONS, "event-1", INTERACTION, payload)));
        assertTrue(e.getMessage().contains(reasonFragment), e.getMessage());
    }

    private static ObjectNode tree(InteractionRecorded event) {
        try {
            return (ObjectNode) EventJson.mapper().readTree(EventJson.write(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConsumerRecord<String, String> record(String topic, String eventId, String ceType, String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (eventId != null) {
            headers.put(CloudEventHeaders.ID, eventId);
        }
        if (ceType != null) {
            headers.put(CloudEventHeaders.TYPE, ceType);
        }
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, text) -> recordHeaders.add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8))));
        return new ConsumerRecord<>(topic, 0, 42L, 0L, TimestampType.CREATE_TIME, -1, -1, "cust-1", value,
                recordHeaders, Optional.empty());
    }
}
