package io.cxvalue.scoring.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.scoring.ProcessedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * Turns a raw {@code cx.interactions} record into a valid {@link InteractionRecorded} with its event id, or rejects
 * it with a {@link MalformedEventException} saying why (the record then goes to the dead-letter topic).
 * <p>
 * Checks what parsing alone does not: the CloudEvents headers, the fields the JSON Schema requires, and the ranges
 * of the values this service stores. It does not reject fields it does not know, so producers can add fields to v1.
 */
public final class InteractionRecordReader {

    /** Longest id the contract allows (JSON Schema {@code $defs/id}). */
    static final int MAX_ID_LENGTH = 128;
    static final int MAX_CONTACT_REASON_LENGTH = 200;

    private InteractionRecordReader() {
    }

    /** An interaction event that passed every check, with its CloudEvents id. */
    public record ReceivedInteraction(String eventId, InteractionRecorded interaction) {
    }

    public static ReceivedInteraction read(ConsumerRecord<String, String> record) {
        String eventId = header(record, CloudEventHeaders.ID);
        if (eventId == null || eventId.isBlank()) {
            throw new MalformedEventException("Missing " + CloudEventHeaders.ID + " header");
        }
        if (eventId.length() > ProcessedEvent.MAX_EVENT_ID_LENGTH) {
            throw new MalformedEventException(CloudEventHeaders.ID + " longer than "
                    + ProcessedEvent.MAX_EVENT_ID_LENGTH + " characters");
        }
        String ceType = header(record, CloudEventHeaders.TYPE);
        if (ceType == null) {
            throw new MalformedEventException("Missing " + CloudEventHeaders.TYPE + " header");
        }
        if (record.value() == null) {
            throw new MalformedEventException("Record has no payload");
        }
        CxEvent event = EventJson.read(record.value(), ceType);
        if (!(event instanceof InteractionRecorded interaction)) {
            throw new MalformedEventException("Event type " + ceType + " does not belong on "
                    + EventType.INTERACTION_RECORDED.topic());
        }
        validate(interaction);
        if (!interaction.customerId().equals(record.key())) {
            // One customer's events must share a key to stay in order on one partition.
            throw new MalformedEventException("Record key is not the customer id of the payload");
        }
        return new ReceivedInteraction(eventId, interaction);
    }

    private static void validate(InteractionRecorded interaction) {
        requireId("interactionId", interaction.interactionId());
        requireId("source", interaction.source());
        requireId("externalId", interaction.externalId());
        requireId("customerId", interaction.customerId());
        require("channel", interaction.channel());
        require("direction", interaction.direction());
        require("startedAt", interaction.startedAt());
        String reason = interaction.contactReason();
        if (reason != null && (reason.isEmpty() || reason.length() > MAX_CONTACT_REASON_LENGTH)) {
            throw new MalformedEventException("contactReason must have 1 to " + MAX_CONTACT_REASON_LENGTH
                    + " characters");
        }
        Double sentiment = interaction.sentiment();
        if (sentiment != null && !(sentiment >= -1 && sentiment <= 1)) {
            throw new MalformedEventException("sentiment must be between -1 and 1");
        }
    }

    private static void requireId(String field, String value) {
        require(field, value);
        if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
            throw new MalformedEventException(field + " must have 1 to " + MAX_ID_LENGTH + " characters");
        }
    }

    private static void require(String field, Object value) {
        if (value == null) {
            throw new MalformedEventException(field + " is required");
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
