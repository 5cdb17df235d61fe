package io.cxvalue.experiment.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.MalformedEventException;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a Kafka record written in CloudEvents binary mode into a {@link ReceivedEvent}, or rejects it with a
 * {@link MalformedEventException} saying why: no usable {@code ce_id}, a {@code ce_type} this build does not know or
 * that does not belong on the record's topic, a payload that is not JSON, or one that breaks the event's JSON Schema
 * (a missing customer id, an out-of-range value). Jackson alone would accept many of those as nulls or defaults.
 *
 * <p>Fields this build does not know are tolerated although the schemas forbid additional properties: adding a field
 * to a v1 event is not a breaking change, so a producer on a newer contract must not get its events dead-lettered by
 * a consumer on an older one.
 */
@Singleton
public class CloudEventReader {

    /** Longest accepted event id: the width of the column that records applied ids. */
    static final int MAX_EVENT_ID_LENGTH = 128;

    private static final int MAX_REPORTED_VIOLATIONS = 5;
    private static final String ADDITIONAL_PROPERTIES = "additionalProperties";

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final Map<EventType, JsonSchema> schemas = loadSchemas();

    /**
     * @throws MalformedEventException if the record is not a valid event of its announced type
     */
    public ReceivedEvent read(ConsumerRecord<String, String> record) {
        String eventId = header(record, CloudEventHeaders.ID);
        if (eventId == null || eventId.isBlank()) {
            throw new MalformedEventException("Missing " + CloudEventHeaders.ID + " header");
        }
        if (eventId.length() > MAX_EVENT_ID_LENGTH) {
            throw new MalformedEventException(CloudEventHeaders.ID + " is longer than " + MAX_EVENT_ID_LENGTH
                    + " characters");
        }
        String ceType = header(record, CloudEventHeaders.TYPE);
        if (ceType == null) {
            throw new MalformedEventException("Missing " + CloudEventHeaders.TYPE + " header");
        }
        EventType type = EventType.ofCeType(ceType)
                .orElseThrow(() -> new MalformedEventException("Unknown event type " + ceType));
        if (!type.topic().equals(record.topic())) {
            throw new MalformedEventException("Event type " + ceType + " does not belong on topic " + record.topic());
        }
        String payload = record.value();
        validate(type, payload);
        CxEvent event = EventJson.read(payload, ceType);
        return new ReceivedEvent(eventId, type, event);
    }

    private void validate(EventType type, String payload) {
        if (payload == null || payload.isBlank()) {
            throw new MalformedEventException("Empty payload for " + type.ceType());
        }
        JsonNode tree;
        try {
            tree = json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Payload is not JSON: " + e.getOriginalMessage(), e);
        }
        List<String> violations = schemas.get(type).validate(tree).stream()
                .filter(violation -> !ADDITIONAL_PROPERTIES.equals(violation.getType()))
                .map(ValidationMessage::getMessage)
                .toList();
        if (!violations.isEmpty()) {
            throw new MalformedEventException("Payload violates the " + type.ceType() + " schema: "
                    + violations.stream().limit(MAX_REPORTED_VIOLATIONS).collect(Collectors.joining("; ")));
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<EventType, JsonSchema> loadSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("No JSON Schema for " + type.ceType() + " at "
                            + type.schemaResource());
                }
                schemas.put(type, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the JSON Schema of " + type.ceType(), e);
            }
        }
        return schemas;
    }
}
