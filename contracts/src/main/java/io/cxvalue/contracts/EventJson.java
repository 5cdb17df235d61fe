package io.cxvalue.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of event payloads, used by every producer and consumer so that the bytes on a topic do not
 * depend on which service's Jackson configuration wrote them.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Consumers must accept fields added to a v1 payload later (additive changes are not breaking).
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /**
     * Reads a consumed payload into a tree for schema validation. Stricter than {@link #read}: trailing content and
     * duplicate keys make a payload ambiguous (parsers disagree on which value wins), so they are errors; and
     * decimals keep their scale, so that {@code 29.90} is still {@code 29.90} once mapped to the event.
     */
    private static final ObjectReader STRICT_TREE_READER = MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private EventJson() {
    }

    public static String write(CxEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Parses a payload of the given type.
     *
     * @throws MalformedEventException if the JSON is not a valid payload of that type
     */
    public static <T extends CxEvent> T read(String json, Class<T> type) {
        try {
            T event = MAPPER.readValue(json, type);
            if (event == null) {
                throw new MalformedEventException("Empty payload for " + type.getSimpleName());
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a payload into a tree with the stricter rules of {@link #STRICT_TREE_READER}. */
    static JsonNode readStrictTree(String json) throws JsonProcessingException {
        return STRICT_TREE_READER.readTree(json);
    }

    /**
     * Maps a tree read by {@link #readStrictTree} to a payload of the given type, without parsing the text again.
     *
     * @throws MalformedEventException if the tree is not a valid payload of that type
     */
    static <T extends CxEvent> T read(JsonNode tree, Class<T> type) {
        try {
            T event = MAPPER.treeToValue(tree, type);
            if (event == null) {
                throw new MalformedEventException("Empty payload for " + type.getSimpleName());
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a payload announced by its {@code ce_type} header. */
    public static CxEvent read(String json, String ceType) {
        EventType type = EventType.ofCeType(ceType)
                .orElseThrow(() -> new MalformedEventException("Unknown event type " + ceType));
        return read(json, type.payloadType());
    }

    /** The shared mapper, for tests and tools; production code uses {@link #write} and {@link #read}. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
