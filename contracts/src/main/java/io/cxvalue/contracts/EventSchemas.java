package io.cxvalue.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of every event type, loaded and compiled once when this class is first used; the
 * compiled schemas are immutable and safe to share between consumer threads.
 */
final class EventSchemas {

    /** The validation keyword whose violations a consumer tolerates: see {@link #violations}. */
    private static final String ADDITIONAL_PROPERTIES = "additionalProperties";

    private static final Map<EventType, JsonSchema> SCHEMAS = load();

    private EventSchemas() {
    }

    /** The schema exactly as published, for producers and contract tests: it forbids unknown properties. */
    static JsonSchema schema(EventType type) {
        return SCHEMAS.get(type);
    }

    /**
     * What is wrong with {@code payload} as an event of {@code type}, in the validator's words (e.g.
     * {@code $.sentiment: must have a maximum value of 1}); empty if it is valid.
     * <p>
     * Properties the schema does not define are tolerated although every v1 schema forbids them: adding a field to a
     * v1 payload is not a breaking change, so a producer on a newer contract must not get its events dead-lettered by
     * a consumer built against an older one. Only the "not allowed" verdict of {@code additionalProperties: false} is
     * ignored; a schema-valued {@code additionalProperties} (the values of a map, e.g. quality criteria) reports its
     * violations under their own keywords, so those are still enforced.
     */
    static List<String> violations(EventType type, JsonNode payload) {
        var messages = SCHEMAS.get(type).validate(payload);
        if (messages.isEmpty()) {
            // The path of (nearly) every record: allocate nothing.
            return List.of();
        }
        return messages.stream()
                .filter(message -> !ADDITIONAL_PROPERTIES.equals(message.getType()))
                .map(ValidationMessage::getMessage)
                .toList();
    }

    private static Map<EventType, JsonSchema> load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                // "format" is only an annotation in 2020-12 by default; the contracts mean date-time as a rule.
                .formatAssertionsEnabled(true)
                // The messages become dead-letter reasons: the same language whatever the host's default locale.
                .locale(Locale.ROOT)
                // "$.sale.currency" and "$" for the whole payload read better in a reason than JSON Pointers.
                .pathType(PathType.JSON_PATH)
                .build();
        Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("No JSON Schema for " + type.ceType() + " at "
                            + type.schemaResource());
                }
                JsonSchema schema = factory.getSchema(in, config);
                // Resolve every $ref now rather than lazily on a consumer thread during the first validation.
                schema.initializeValidators();
                schemas.put(type, schema);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the JSON Schema of " + type.ceType(), e);
            }
        }
        return Collections.unmodifiableMap(schemas);
    }
}
