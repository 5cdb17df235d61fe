package io.cxvalue.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import static org.junit.jupiter.api.Assertions.assertNull;
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

    @Test
    void experimentStartedSchemaHoldsTheDefinitionToItsLimits() throws Exception {
        EventType type = EventType.EXPERIMENT_STARTED;
        CxEvent started = ExampleEvents.all().get(type).get(0);
        // The agent's instruction.
        assertInvalid(type, started, n -> instruction(n, 1).put("handling", "RELAXED"));
        assertInvalid(type, started, n -> instruction(n, 1).remove("handling"));
        assertInvalid(type, started, n -> instruction(n, 1).remove("agentMessage"));
        assertInvalid(type, started, n -> instruction(n, 1).put("agentMessage", ""));
        assertInvalid(type, started, n -> instruction(n, 1).put("agentMessage", "m".repeat(501)));
        assertInvalid(type, started, n -> instruction(n, 1).put("crossSell", "MAYBE"));
        assertInvalid(type, started, n -> instruction(n, 0).put("handleTimeTargetSeconds", 0));
        assertInvalid(type, started, n -> instruction(n, 0).put("handleTimeTargetSeconds", 7_201));
        assertInvalid(type, started, n -> instruction(n, 0).put("handleTimeTargetSeconds", 90.5));
        // The variants.
        assertInvalid(type, started, n -> {
            ArrayNode variants = (ArrayNode) n.get("variants");
            variants.remove(2);
            variants.remove(1);
        });
        assertInvalid(type, started, n -> {
            ArrayNode variants = (ArrayNode) n.get("variants");
            for (int i = 0; i < 8; i++) {
                variants.add(((ObjectNode) variants.get(1).deepCopy()).put("key", "extra-" + i));
            }
        });
        assertInvalid(type, started, n -> variant(n, 1).put("weight", 0));
        assertInvalid(type, started, n -> variant(n, 1).put("weight", 10_001));
        assertInvalid(type, started, n -> variant(n, 1).remove("weight"));
        assertInvalid(type, started, n -> variant(n, 1).put("key", "unlimited time"));
        assertInvalid(type, started, n -> variant(n, 1).put("key", "k/1"));
        assertInvalid(type, started, n -> variant(n, 1).put("key", ""));
        assertInvalid(type, started, n -> variant(n, 1).put("key", "k".repeat(65)));
        assertInvalid(type, started, n -> variant(n, 1).put("control", true));
        assertInvalid(type, started, n -> variant(n, 0).put("control", false));
        assertInvalid(type, started, n -> variant(n, 0).remove("control"));
        assertInvalid(type, started, n -> variant(n, 0).remove("instruction"));
        // Eligibility: every list present, no null, no duplicate.
        assertInvalid(type, started, n -> n.remove("eligibility"));
        assertInvalid(type, started, n -> ((ObjectNode) n.get("eligibility")).remove("teams"));
        assertInvalid(type, started, n -> ((ObjectNode) n.get("eligibility")).putNull("valueTiers"));
        assertInvalid(type, started, n -> ((ObjectNode) n.get("eligibility")).putArray("channels").add("FAX"));
        assertInvalid(type, started, n -> ((ObjectNode) n.get("eligibility")).putArray("valueTiers").add("GOLD")
                .add("GOLD"));
        assertInvalid(type, started, n -> ((ObjectNode) n.get("eligibility")).putArray("contactReasons").addNull());
        // The rest of the definition.
        assertInvalid(type, started, n -> n.remove("experimentId"));
        assertInvalid(type, started, n -> n.remove("salt"));
        assertInvalid(type, started, n -> n.put("salt", ""));
        assertInvalid(type, started, n -> n.put("salt", "s".repeat(65)));
        assertInvalid(type, started, n -> n.put("name", ""));
        assertInvalid(type, started, n -> n.put("outcomeWindowDays", 0));
        assertInvalid(type, started, n -> n.put("outcomeWindowDays", 366));
        assertInvalid(type, started, n -> n.put("startedAt", "yesterday"));
        assertInvalid(type, started, n -> n.remove("startedBy"));
        assertInvalid(type, started, n -> n.put("customerId", "c-1"));

        // The limits themselves are valid.
        assertValid(type, started, n -> {
            variant(n, 0).put("weight", 10_000).put("key", "Az09._-" + "k".repeat(57));
            variant(n, 1).put("weight", 1);
            instruction(n, 1).put("agentMessage", "m".repeat(500)).put("handleTimeTargetSeconds", 7_200);
            n.put("outcomeWindowDays", 365).put("salt", "s".repeat(64));
        });
        assertValid(type, started, n -> {
            ArrayNode variants = (ArrayNode) n.get("variants");
            for (int i = 0; i < 7; i++) {
                variants.add(((ObjectNode) variants.get(1).deepCopy()).put("key", "extra-" + i));
            }
        });
    }

    @Test
    void experimentStoppedSchemaRejectsMissingOrOverlongFields() throws Exception {
        EventType type = EventType.EXPERIMENT_STOPPED;
        CxEvent stopped = ExampleEvents.all().get(type).get(0);
        assertInvalid(type, stopped, n -> n.remove("experimentId"));
        assertInvalid(type, stopped, n -> n.remove("stoppedBy"));
        assertInvalid(type, stopped, n -> n.remove("stoppedAt"));
        assertInvalid(type, stopped, n -> n.put("stoppedAt", "2026-03-14"));
        assertInvalid(type, stopped, n -> n.put("reason", ""));
        assertInvalid(type, stopped, n -> n.put("reason", "r".repeat(501)));
        assertInvalid(type, stopped, n -> n.put("customerId", "c-1"));
        assertValid(type, stopped, n -> n.put("reason", "r".repeat(500)));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventIsKeyedByThePropertyItsTopicNames(EventType type) throws Exception {
        String keyProperty = Topics.keyProperty(type.topic());
        for (CxEvent example : ExampleEvents.all().get(type)) {
            JsonNode json = JSON.readTree(EventJson.write(example));
            assertEquals(json.path(keyProperty).asText(), example.key(), type + " key");
            JsonNode required;
            try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
                required = JSON.readTree(in).path("required");
            }
            assertTrue(required.toString().contains('"' + keyProperty + '"'),
                    keyProperty + " must be required in the schema of " + type);
            if (type.topic().equals(Topics.EXPERIMENTS)) {
                assertEquals("experimentId", keyProperty);
                assertNull(example.customerId(), "an experiment event is about no one customer");
            } else if (type.topic().equals(Topics.VALUE_DRIVERS)) {
                assertEquals("analysisId", keyProperty);
                assertNull(example.customerId(), "an analysis is about no one customer");
            } else {
                assertEquals(example.customerId(), example.key());
            }
        }
    }

    private static ObjectNode variant(ObjectNode started, int index) {
        return (ObjectNode) started.get("variants").get(index);
    }

    private static ObjectNode instruction(ObjectNode started, int index) {
        return (ObjectNode) variant(started, index).get("instruction");
    }

    private static void assertValid(EventType type, CxEvent valid, Consumer<ObjectNode> change) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(EventJson.write(valid));
        change.accept(node);
        Set<ValidationMessage> errors = schema(type).validate(node);
        assertTrue(errors.isEmpty(), type + " rejected " + node + ": " + errors);
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
