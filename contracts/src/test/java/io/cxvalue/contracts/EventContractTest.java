package io.cxvalue.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventContractTest {

    private static final ObjectMapper JSON = EventJson.mapper();

    /** The strict schema: examples must not carry properties the contract does not define. */
    static JsonSchema schema(EventType type) {
        return EventSchemas.schema(type);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeHasExamplesThatValidateAndRoundTrip(EventType type) throws Exception {
        List<CxEvent> examples = ExampleEvents.all().get(type);
        assertNotNull(examples, "no example for " + type);
        JsonSchema schema = schema(type);
        for (CxEvent example : examples) {
            String json = EventJson.write(example);
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(json));
            assertTrue(errors.isEmpty(), type + " example does not validate: " + errors + "\n" + json);

            CxEvent back = EventJson.read(json, type.ceType());
            assertEquals(example, back, "round trip changed the event");
            assertEquals(type, EventType.of(back));
        }
    }

    @Test
    void ceTypesAreVersionedAndUnique() {
        Set<String> seen = new HashSet<>();
        for (EventType type : EventType.values()) {
            assertTrue(type.ceType().matches("io\\.cxvalue\\.[a-z-]+\\.[a-z-]+\\.v\\d+"), type.ceType());
            assertTrue(seen.add(type.ceType()), "duplicate " + type.ceType());
            assertTrue(Topics.ALL.contains(type.topic()), type.topic());
            assertEquals(type, EventType.ofCeType(type.ceType()).orElseThrow());
        }
        assertTrue(EventType.ofCeType("io.cxvalue.interaction.recorded.v9").isEmpty());
    }

    @Test
    void everyTopicHasConsumersAndTheirDeadLetterTopics() {
        assertEquals(Set.copyOf(Topics.ALL), Topics.CONSUMERS.keySet());
        List<String> deadLetters = Topics.deadLetterTopics();
        assertTrue(deadLetters.contains("cx.interactions.dlq.scoring-service"), deadLetters.toString());
        assertEquals(deadLetters.size(), Set.copyOf(deadLetters).size(), "dead-letter topics are unique");
        assertEquals(Topics.CONSUMERS.values().stream().mapToInt(List::size).sum(), deadLetters.size());
    }

    @Test
    void schemasRejectOutOfRangeAndMissingFields() throws Exception {
        assertInvalid(EventType.SURVEY_RESPONDED, ExampleEvents.all().get(EventType.SURVEY_RESPONDED).get(0),
                n -> n.put("csat", 6));
        assertInvalid(EventType.SURVEY_RESPONDED, ExampleEvents.all().get(EventType.SURVEY_RESPONDED).get(0),
                n -> n.put("nps", -1));
        assertInvalid(EventType.SURVEY_RESPONDED, ExampleEvents.all().get(EventType.SURVEY_RESPONDED).get(1),
                n -> n.remove("nps"));
        assertInvalid(EventType.INTERACTION_RECORDED, ExampleEvents.all().get(EventType.INTERACTION_RECORDED).get(0),
                n -> n.put("sentiment", 1.5));
        assertInvalid(EventType.INTERACTION_RECORDED, ExampleEvents.all().get(EventType.INTERACTION_RECORDED).get(0),
                n -> n.put("channel", "FAX"));
        assertInvalid(EventType.INTERACTION_RECORDED, ExampleEvents.all().get(EventType.INTERACTION_RECORDED).get(0),
                n -> n.remove("customerId"));
        assertInvalid(EventType.INTERACTION_RECORDED, ExampleEvents.all().get(EventType.INTERACTION_RECORDED).get(0),
                n -> n.put("talkSeconds", -3));
        assertInvalid(EventType.INTERACTION_RECORDED, ExampleEvents.all().get(EventType.INTERACTION_RECORDED).get(0),
                n -> n.put("startedAt", "yesterday"));
        assertInvalid(EventType.QUALITY_EVALUATED, ExampleEvents.all().get(EventType.QUALITY_EVALUATED).get(0),
                n -> n.put("score", 101));
        assertInvalid(EventType.TRANSACTION_RECORDED, ExampleEvents.all().get(EventType.TRANSACTION_RECORDED).get(0),
                n -> n.put("currency", "euro"));
        assertInvalid(EventType.CUSTOMER_SCORED, ExampleEvents.all().get(EventType.CUSTOMER_SCORED).get(0),
                n -> n.put("pAlive", 1.2));
        assertInvalid(EventType.CUSTOMERS_MERGED, ExampleEvents.all().get(EventType.CUSTOMERS_MERGED).get(0),
                n -> n.putArray("mergedCustomerIds"));
    }

    private static void assertInvalid(EventType type, CxEvent valid, Consumer<ObjectNode> breakIt) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(EventJson.write(valid));
        breakIt.accept(node);
        Set<ValidationMessage> errors = schema(type).validate(node);
        assertFalse(errors.isEmpty(), type + " accepted " + node);
    }

    @Test
    void readerRejectsWhatIsNotThePayloadItClaims() {
        assertThrows(MalformedEventException.class,
                () -> EventJson.read("{not json", EventType.INTERACTION_RECORDED.ceType()));
        assertThrows(MalformedEventException.class,
                () -> EventJson.read("{\"channel\":\"FAX\"}", EventType.INTERACTION_RECORDED.ceType()));
        assertThrows(MalformedEventException.class,
                () -> EventJson.read("{}", "io.cxvalue.unknown.v1"));
        assertThrows(MalformedEventException.class,
                () -> EventJson.read("null", EventType.INTERACTION_RECORDED.ceType()));
        CxEvent tolerant = EventJson.read("{\"customerId\":\"c-1\",\"addedLater\":1}",
                EventType.ERASURE_REQUESTED.ceType());
        assertInstanceOf(io.cxvalue.contracts.events.ErasureRequested.class, tolerant);
    }

    @Test
    void asyncApiDescribesEveryTopicAndEventType() throws Exception {
        JsonNode api;
        try (InputStream in = EventType.class.getResourceAsStream("/asyncapi.yaml")) {
            assertNotNull(in, "asyncapi.yaml missing");
            api = new YAMLMapper().readTree(in);
        }
        assertTrue(api.path("asyncapi").asText().startsWith("3."), "AsyncAPI 3 document expected");
        Set<String> addresses = new HashSet<>();
        api.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertEquals(Set.copyOf(Topics.ALL), addresses, "channels must be exactly the product's topics");

        JsonNode messages = api.path("components").path("messages");
        for (EventType type : EventType.values()) {
            JsonNode message = findMessage(messages, type.ceType());
            assertNotNull(message, "no AsyncAPI message for " + type.ceType());
            String ref = message.path("payload").path("$ref").asText();
            assertEquals("." + type.schemaResource(), ref, "payload of " + type.ceType());
            boolean onTopic = false;
            for (JsonNode channel : api.path("channels")) {
                if (channel.path("address").asText().equals(type.topic())) {
                    for (JsonNode m : channel.path("messages")) {
                        onTopic |= m.path("$ref").asText().endsWith("/" + message.path("name").asText());
                    }
                }
            }
            assertTrue(onTopic, type.ceType() + " is not listed on channel " + type.topic());
        }
    }

    private static JsonNode findMessage(JsonNode messages, String ceType) {
        for (JsonNode message : messages) {
            if (ceType.equals(message.path("headers").path("properties").path("ce_type").path("const").asText())) {
                return message;
            }
        }
        return null;
    }
}
