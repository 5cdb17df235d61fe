package io.cxvalue.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxvalue.contracts.events.CustomerUpserted;
import io.cxvalue.contracts.events.ErasureCompleted;
import io.cxvalue.contracts.events.ErasureRequested;
import io.cxvalue.contracts.events.ExperimentStarted;
import io.cxvalue.contracts.events.ExperimentStopped;
import io.cxvalue.contracts.events.IdentityLinked;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.contracts.events.TransactionRecorded;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventReaderTest {

    private static final String SOURCE = "/ingestion-service";
    private static final Instant TIME = Instant.parse("2026-03-14T09:30:00Z");
    private static final InteractionRecorded INTERACTION =
            (InteractionRecorded) ExampleEvents.all().get(EventType.INTERACTION_RECORDED).get(0);

    @Nested
    class Accepts {

        @ParameterizedTest
        @EnumSource(EventType.class)
        void everyExampleEventOnItsTopic(EventType type) {
            for (CxEvent example : ExampleEvents.all().get(type)) {
                ReceivedEvent<CxEvent> received = TestRecord.of(example).read();

                assertEquals("evt-1", received.eventId());
                assertEquals(type, received.type());
                assertEquals(SOURCE, received.source());
                assertEquals(TIME, received.time());
                assertEquals(example, received.event());
            }
        }

        @ParameterizedTest
        @EnumSource(EventType.class)
        void fieldsAddedToAV1PayloadLater(EventType type) {
            for (CxEvent example : ExampleEvents.all().get(type)) {
                String json = withChange(example, n -> {
                    n.put("addedInV1_1", "any value");
                    n.putObject("addedObject").put("nested", 1);
                });

                assertEquals(example, TestRecord.of(example).withValue(json).read().event(), json);
            }
        }

        @Test
        void fieldsAddedToNestedObjectsLater() {
            String json = withChange(INTERACTION, n -> {
                ((ObjectNode) n.get("sale")).put("discountPercent", 10);
                ((ObjectNode) n.get("experiment")).put("cohort", 3);
            });
            assertEquals(INTERACTION, TestRecord.of(INTERACTION).withValue(json).read().event());

            CxEvent customer = example(EventType.CUSTOMER_UPSERTED);
            String withIdentityField = withChange(customer,
                    n -> ((ObjectNode) n.get("identities").get(0)).put("verified", true));
            assertEquals(customer, TestRecord.of(customer).withValue(withIdentityField).read().event());
        }

        @Test
        void anEventIdOfTheMaximumLength() {
            String longest = "e".repeat(EventReader.MAX_EVENT_ID_LENGTH);

            assertEquals(longest, TestRecord.of(INTERACTION).withHeader(CloudEventHeaders.ID, longest).read().eventId());
        }

        @Test
        void aRecordWithoutTheOptionalCloudEventsAttributes() {
            ReceivedEvent<CxEvent> received = TestRecord.of(INTERACTION)
                    .withHeader(CloudEventHeaders.SOURCE, null)
                    .withHeader(CloudEventHeaders.TIME, null)
                    .read();

            assertNull(received.source());
            assertNull(received.time());
            assertEquals(INTERACTION, received.event());
        }

        @Test
        void aTimeWithAnOffset() {
            ReceivedEvent<CxEvent> received = TestRecord.of(INTERACTION)
                    .withHeader(CloudEventHeaders.TIME, "2026-03-14T11:30:00.250+02:00")
                    .read();

            assertEquals(Instant.parse("2026-03-14T09:30:00.250Z"), received.time());
        }

        @Test
        void decimalsWithTheirScale() {
            TransactionRecorded transaction = (TransactionRecorded) example(EventType.TRANSACTION_RECORDED);

            TransactionRecorded read = (TransactionRecorded) TestRecord.of(transaction).read().event();

            assertEquals(new BigDecimal("59.90"), read.amount());
        }

        @Test
        void manyRecordsConcurrently() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Integer>> tasks = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    tasks.add(() -> {
                        int rejected = 0;
                        for (int i = 0; i < 500; i++) {
                            TestRecord valid = TestRecord.of(INTERACTION).withHeader(CloudEventHeaders.ID, "e-" + i);
                            assertEquals(INTERACTION, valid.read().event());
                            try {
                                valid.withValue(withChange(INTERACTION, n -> n.put("sentiment", 2))).read();
                            } catch (MalformedEventException expected) {
                                rejected++;
                            }
                        }
                        return rejected;
                    });
                }
                for (Future<Integer> result : pool.invokeAll(tasks)) {
                    assertEquals(500, result.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class OneWantedType {

        @Test
        void readsAnEventOfTheWantedType() {
            Optional<ReceivedEvent<InteractionRecorded>> received =
                    TestRecord.of(INTERACTION).read(InteractionRecorded.class);

            assertEquals(INTERACTION, received.orElseThrow().event());
            assertEquals("evt-1", received.orElseThrow().eventId());
        }

        @Test
        void readsAnExperimentKeyedByItsId() {
            CxEvent started = example(EventType.EXPERIMENT_STARTED);

            ReceivedEvent<ExperimentStarted> received = TestRecord.of(started).withKey("exp-1")
                    .read(ExperimentStarted.class).orElseThrow();

            assertEquals(started, received.event());
            assertTrue(TestRecord.of(example(EventType.EXPERIMENT_STOPPED)).read(ExperimentStarted.class).isEmpty());
            assertTrue(TestRecord.of(started).read(ExperimentStopped.class).isEmpty());
        }

        @Test
        void skipsAnotherTypeOfTheTopicWithoutReadingItsPayload() {
            CxEvent linked = example(EventType.IDENTITY_LINKED);

            assertTrue(TestRecord.of(linked).read(CustomerUpserted.class).isEmpty());
            assertTrue(TestRecord.of(linked).withValue("{not even json").withKey(null).read(CustomerUpserted.class)
                    .isEmpty());
            assertTrue(TestRecord.of(example(EventType.ERASURE_COMPLETED)).read(ErasureRequested.class).isEmpty());
        }

        @Test
        void stillRejectsBadHeadersOfAnotherType() {
            TestRecord linked = TestRecord.of(example(EventType.IDENTITY_LINKED));

            assertRejected(linked.withHeader(CloudEventHeaders.ID, null), CustomerUpserted.class,
                    "Missing ce_id header");
            assertRejected(linked.withHeader(CloudEventHeaders.TYPE, "io.cxvalue.customer.renamed.v1"),
                    CustomerUpserted.class, "Unknown event type io.cxvalue.customer.renamed.v1");
            assertRejected(linked.withHeader(CloudEventHeaders.TYPE, EventType.CUSTOMER_SCORED.ceType()),
                    CustomerUpserted.class, "belongs on topic cx.scores, not cx.customers");
        }

        @Test
        void rejectsABadRecordOfTheWantedType() {
            assertRejected(TestRecord.of(INTERACTION).withKey("c-2"), InteractionRecorded.class,
                    "Record key 'c-2' is not the payload's customerId 'c-1'");
        }

        @Test
        void refusesATypeTheTopicDoesNotCarry() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TestRecord.of(INTERACTION).read(ErasureCompleted.class));
            assertEquals("ErasureCompleted is not an event type of topic cx.interactions", e.getMessage());
        }
    }

    @Nested
    class Rejects {

        @Test
        void aMissingEventId() {
            assertRejected(TestRecord.of(INTERACTION).withHeader(CloudEventHeaders.ID, null), "Missing ce_id header");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t"})
        void aBlankEventId(String blank) {
            assertRejected(TestRecord.of(INTERACTION).withHeader(CloudEventHeaders.ID, blank), "Blank ce_id header");
        }

        @Test
        void anEventIdTooLongToStore() {
            assertRejected(TestRecord.of(INTERACTION).withHeader(CloudEventHeaders.ID, "e".repeat(129)),
                    "ce_id header longer than 128 characters (129)");
        }

        @Test
        void aMissingEventType() {
            assertRejected(TestRecord.of(INTERACTION).withHeader(CloudEventHeaders.TYPE, null),
                    "Missing ce_type header");
        }

        @Test
        void anUnknownEventType() {
            assertRejected(TestRecord.of(INTERACTION).withHeader(CloudEventHeaders.TYPE,
                    "io.cxvalue.interaction.recorded.v9"), "Unknown event type io.cxvalue.interaction.recorded.v9");
            assertRejected(TestRecord.of(INTERACTION).withHeader(CloudEventHeaders.TYPE, ""), "Unknown event type ");
        }

        @Test
        void anUnknownEventTypeEchoedOnlyInPart() {
            String huge = "x".repeat(10_000);

            MalformedEventException e = assertThrows(MalformedEventException.class,
                    () -> TestRecord.of(INTERACTION).withHeader(CloudEventHeaders.TYPE, huge).read());

            assertEquals("Unknown event type " + "x".repeat(128) + "... (10000 characters)", e.getMessage());
        }

        @Test
        void anEventTypeOfAnotherTopic() {
            assertRejected(TestRecord.of(INTERACTION).withHeader(CloudEventHeaders.TYPE,
                            EventType.CUSTOMER_UPSERTED.ceType()),
                    "Event type io.cxvalue.customer.upserted.v1 belongs on topic cx.customers, not cx.interactions");
            assertRejected(TestRecord.of(example(EventType.CUSTOMER_SCORED)).withTopic(Topics.CUSTOMERS),
                    "Event type io.cxvalue.score.customer-scored.v1 belongs on topic cx.scores, not cx.customers");
        }

        @ParameterizedTest
        @ValueSource(strings = {"yesterday", "2026-03-14T09:30:00", "2026-03-14", "1773480600"})
        void aTimeThatIsNotRfc3339(String time) {
            assertRejected(TestRecord.of(INTERACTION).withHeader(CloudEventHeaders.TIME, time),
                    "ce_time header is not an RFC 3339 timestamp: '" + time + "'");
        }

        @Test
        void aTombstone() {
            assertRejected(TestRecord.of(INTERACTION).withValue(null), "Record has no payload (tombstone)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n"})
        void anEmptyPayload(String empty) {
            assertRejected(TestRecord.of(INTERACTION).withValue(empty), "Empty payload");
        }

        @Test
        void aPayloadThatIsNotJson() {
            assertRejectedStartingWith(TestRecord.of(INTERACTION).withValue("{not json"), "Payload is not JSON: ");
            assertRejectedStartingWith(TestRecord.of(INTERACTION).withValue("{\"interactionId\": "),
                    "Payload is not JSON: ");
        }

        @Test
        void aPayloadWithTrailingContent() {
            assertRejectedStartingWith(TestRecord.of(INTERACTION).withValue(EventJson.write(INTERACTION) + " {}"),
                    "Payload is not JSON: ");
        }

        @Test
        void aPayloadWithADuplicateKey() {
            // Which customerId would count? Parsers disagree, so the record is ambiguous.
            String json = EventJson.write(INTERACTION).replaceFirst("\\{", "{\"customerId\":\"c-9\",");

            assertRejected(TestRecord.of(INTERACTION).withValue(json),
                    "Payload is not JSON: Duplicate field 'customerId'");
        }

        @Test
        void aPayloadThatIsNotAnObject() {
            assertRejected(TestRecord.of(INTERACTION).withValue("null"),
                    "Payload violates the io.cxvalue.interaction.recorded.v1 schema: $: null found, object expected");
            assertRejected(TestRecord.of(INTERACTION).withValue("[]"),
                    "Payload violates the io.cxvalue.interaction.recorded.v1 schema: $: array found, object expected");
        }

        @Test
        void aMissingOrNullRequiredField() {
            assertSchemaViolation(INTERACTION, n -> n.remove("startedAt"), "$: required property 'startedAt' not found");
            assertSchemaViolation(INTERACTION, n -> n.putNull("customerId"),
                    "$.customerId: null found, string expected");
            assertSchemaViolation(example(EventType.ERASURE_REQUESTED), n -> n.remove("customerId"),
                    "$: required property 'customerId' not found");
            assertSchemaViolation(example(EventType.EXPERIMENT_STARTED),
                    n -> ((ObjectNode) n.get("variants").get(1).get("instruction")).remove("agentMessage"),
                    "$.variants[1].instruction: required property 'agentMessage' not found");
            assertSchemaViolation(example(EventType.EXPERIMENT_STARTED),
                    n -> ((ObjectNode) n.get("eligibility")).remove("teams"),
                    "$.eligibility: required property 'teams' not found");
            assertSchemaViolation(example(EventType.EXPERIMENT_STOPPED), n -> n.remove("stoppedBy"),
                    "$: required property 'stoppedBy' not found");
        }

        @Test
        void aValueOfTheWrongType() {
            assertSchemaViolation(INTERACTION, n -> n.put("transfers", "1"), "$.transfers: string found, integer expected");
            assertSchemaViolation(INTERACTION, n -> n.put("abandoned", "no"), "$.abandoned: string found, boolean expected");
            assertSchemaViolation(INTERACTION, n -> n.put("talkSeconds", 1.5), "$.talkSeconds: number found, integer expected");
        }

        @Test
        void aValueOutsideItsEnumeration() {
            assertSchemaViolation(INTERACTION, n -> n.put("channel", "PIGEON"),
                    "$.channel: does not have a value in the enumeration [\"VOICE\", \"CHAT\", \"EMAIL\", \"SOCIAL\", \"WEB\", \"SMS\", \"IN_PERSON\"]");
            assertSchemaViolation(example(EventType.EXPERIMENT_STARTED),
                    n -> ((ObjectNode) n.get("variants").get(1).get("instruction")).put("handling", "RELAXED"),
                    "$.variants[1].instruction.handling: does not have a value in the enumeration "
                            + "[\"TAKE_TIME\", \"STANDARD\", \"EFFICIENT\"]");
        }

        @Test
        void aValueOutOfRange() {
            assertSchemaViolation(INTERACTION, n -> n.put("sentiment", 1.5), "$.sentiment: must have a maximum value of 1");
            assertSchemaViolation(INTERACTION, n -> n.put("talkSeconds", -5), "$.talkSeconds: must have a minimum value of 0");
            assertSchemaViolation(INTERACTION, n -> n.put("queueSeconds", 604_801),
                    "$.queueSeconds: must have a maximum value of 604800");
            assertSchemaViolation(example(EventType.SURVEY_RESPONDED), n -> n.put("csat", 6),
                    "$.csat: must have a maximum value of 5");
        }

        @Test
        void aStringOfTheWrongLength() {
            assertSchemaViolation(INTERACTION, n -> n.put("contactReason", "r".repeat(201)),
                    "$.contactReason: must be at most 200 characters long");
            assertSchemaViolation(INTERACTION, n -> n.put("agentId", ""), "$.agentId: must be at least 1 characters long");
            String longId = "c".repeat(129);
            assertRejected(TestRecord.of(INTERACTION).withKey(longId).withValue(withChange(INTERACTION,
                            n -> n.put("customerId", longId))),
                    "Payload violates the io.cxvalue.interaction.recorded.v1 schema: "
                            + "$.customerId: must be at most 128 characters long");
        }

        @Test
        void aMalformedTimestampOrCode() {
            assertSchemaViolation(INTERACTION, n -> n.put("startedAt", "yesterday"),
                    "$.startedAt: does not match the date-time pattern must be a valid RFC 3339 date-time");
            assertSchemaViolation(example(EventType.TRANSACTION_RECORDED), n -> n.put("currency", "euro"),
                    "$.currency: does not match the regex pattern ^[A-Z]{3}$");
        }

        @Test
        void aViolationInANestedObject() {
            assertSchemaViolation(INTERACTION, n -> ((ObjectNode) n.get("experiment")).put("variant", ""),
                    "$.experiment.variant: must be at least 1 characters long");
            assertSchemaViolation(INTERACTION, n -> ((ObjectNode) n.get("sale")).remove("accepted"),
                    "$.sale: required property 'accepted' not found");
        }

        @Test
        void aBadValueInAMapWhoseValuesHaveASchema() {
            // additionalProperties with a schema is how the contract types map values: tolerance must not skip it.
            assertSchemaViolation(example(EventType.QUALITY_EVALUATED),
                    n -> ((ObjectNode) n.get("criteria")).put("empathy", 150),
                    "$.criteria.empathy: must have a maximum value of 100");
            assertSchemaViolation(example(EventType.CUSTOMER_UPSERTED),
                    n -> ((ObjectNode) n.get("attributes")).put("tier", 3),
                    "$.attributes.tier: integer found, string expected");
        }

        @Test
        void aPayloadBreakingACombinedRule() {
            CxEvent survey = example(EventType.SURVEY_RESPONDED);
            String json = withChange(survey, n -> {
                n.remove("csat");
                n.remove("nps");
                n.remove("ces");
                n.remove("feltValued");
                n.remove("comment");
                n.remove("commentTerms");
            });

            // At least one score must be present: networknt reports each alternative that failed.
            assertRejected(TestRecord.of(survey).withValue(json),
                    "Payload violates the io.cxvalue.feedback.survey-responded.v1 schema: "
                            + "$: required property 'ces' not found; $: required property 'comment' not found; "
                            + "$: required property 'commentTerms' not found; $: required property 'csat' not found; "
                            + "$: required property 'feltValued' not found; and 1 more");
        }

        @Test
        void reportsAtMostFiveViolationsInAStableOrder() {
            String json = withChange(INTERACTION, n -> {
                n.put("sentiment", 7);
                n.put("talkSeconds", -1);
                n.put("holdSeconds", -1);
                n.put("queueSeconds", -1);
                n.put("afterWorkSeconds", -1);
                n.put("transfers", -1);
                n.put("channel", "PIGEON");
            });

            assertRejected(TestRecord.of(INTERACTION).withValue(json),
                    "Payload violates the io.cxvalue.interaction.recorded.v1 schema: "
                            + "$.afterWorkSeconds: must have a minimum value of 0; "
                            + "$.channel: does not have a value in the enumeration "
                            + "[\"VOICE\", \"CHAT\", \"EMAIL\", \"SOCIAL\", \"WEB\", \"SMS\", \"IN_PERSON\"]; "
                            + "$.holdSeconds: must have a minimum value of 0; "
                            + "$.queueSeconds: must have a minimum value of 0; "
                            + "$.sentiment: must have a maximum value of 1; and 2 more");
        }

        @Test
        void aViolationBesideAnAddedField() {
            assertSchemaViolation(INTERACTION, n -> {
                n.put("addedLater", true);
                n.put("sentiment", -2);
            }, "$.sentiment: must have a minimum value of -1");
        }

        @Test
        void inEnglishWhateverTheDefaultLocale() {
            Locale before = Locale.getDefault();
            Locale.setDefault(Locale.GERMANY);
            try {
                assertSchemaViolation(INTERACTION, n -> n.put("sentiment", 1.5),
                        "$.sentiment: must have a maximum value of 1");
            } finally {
                Locale.setDefault(before);
            }
        }

        @Test
        void anExperimentNotKeyedByItsId() {
            CxEvent stopped = example(EventType.EXPERIMENT_STOPPED);

            assertRejected(TestRecord.of(stopped).withKey("c-1"),
                    "Record key 'c-1' is not the payload's experimentId 'exp-1'");
            assertRejected(TestRecord.of(stopped).withKey(null),
                    "Record has no key; it must be the payload's experimentId 'exp-1'");
        }

        @Test
        void aRecordNotKeyedByItsCustomer() {
            assertRejected(TestRecord.of(INTERACTION).withKey("c-2"),
                    "Record key 'c-2' is not the payload's customerId 'c-1'");
            assertRejected(TestRecord.of(INTERACTION).withKey(""), "Record key '' is not the payload's customerId 'c-1'");
            assertRejected(TestRecord.of(INTERACTION).withKey(null),
                    "Record has no key; it must be the payload's customerId 'c-1'");
        }
    }

    @Nested
    class RefusesProgrammingErrors {

        @Test
        void anUnknownTopic() {
            TestRecord record = TestRecord.of(INTERACTION).withTopic("cx.interactions.v2");

            assertEquals("Not a topic of the product: cx.interactions.v2",
                    assertThrows(IllegalArgumentException.class, record::read).getMessage());
            assertThrows(IllegalArgumentException.class, () -> record.read(InteractionRecorded.class));
        }

        @Test
        void aReceivedEventWhosePayloadIsNotOfItsType() {
            assertThrows(IllegalArgumentException.class,
                    () -> new ReceivedEvent<>("e-1", EventType.CUSTOMER_UPSERTED, null, null, INTERACTION));
        }
    }

    @Test
    void aReceivedEventNarrowsToItsPayloadType() {
        ReceivedEvent<CxEvent> received = TestRecord.of(example(EventType.IDENTITY_LINKED)).read();

        ReceivedEvent<IdentityLinked> linked = received.as(IdentityLinked.class).orElseThrow();
        assertSame(received.event(), linked.event());
        assertEquals(received.eventId(), linked.eventId());
        assertEquals(received.time(), linked.time());
        assertTrue(received.as(CustomerUpserted.class).isEmpty());
    }

    private static CxEvent example(EventType type) {
        return ExampleEvents.all().get(type).get(0);
    }

    private static String withChange(CxEvent event, Consumer<ObjectNode> change) {
        try {
            // Read from the written JSON, keeping decimal scales (59.90) that a plain tree would strip.
            ObjectNode json = (ObjectNode) EventJson.mapper().reader()
                    .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                    .readTree(EventJson.write(event));
            change.accept(json);
            return json.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertSchemaViolation(CxEvent valid, Consumer<ObjectNode> breakIt, String violation) {
        EventType type = EventType.of(valid);
        assertRejected(TestRecord.of(valid).withValue(withChange(valid, breakIt)),
                "Payload violates the " + type.ceType() + " schema: " + violation);
    }

    private static void assertRejected(TestRecord record, String reason) {
        MalformedEventException e = assertThrows(MalformedEventException.class, record::read);
        assertEquals(reason, e.getMessage());
    }

    private static <T extends CxEvent> void assertRejected(TestRecord record, Class<T> wanted, String reason) {
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> record.read(wanted));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static void assertRejectedStartingWith(TestRecord record, String reasonStart) {
        MalformedEventException e = assertThrows(MalformedEventException.class, record::read);
        assertTrue(e.getMessage().startsWith(reasonStart), e.getMessage());
    }

    /** A consumed record as a Kafka consumer would hand its parts over, with every CloudEvents header set. */
    private record TestRecord(String topic, String key, String value, Map<String, String> headers) {

        static TestRecord of(CxEvent event) {
            EventType type = EventType.of(event);
            Map<String, String> headers = new HashMap<>();
            headers.put(CloudEventHeaders.ID, "evt-1");
            headers.put(CloudEventHeaders.TYPE, type.ceType());
            headers.put(CloudEventHeaders.SOURCE, SOURCE);
            headers.put(CloudEventHeaders.TIME, TIME.toString());
            headers.put(CloudEventHeaders.SUBJECT, event.key());
            headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
            headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            return new TestRecord(type.topic(), event.key(), EventJson.write(event), headers);
        }

        TestRecord withTopic(String topic) {
            return new TestRecord(topic, key, value, headers);
        }

        TestRecord withKey(String key) {
            return new TestRecord(topic, key, value, headers);
        }

        TestRecord withValue(String value) {
            return new TestRecord(topic, key, value, headers);
        }

        /** This record with the header set, or removed if {@code value} is null. */
        TestRecord withHeader(String name, String value) {
            Map<String, String> changed = new HashMap<>(headers);
            if (value == null) {
                changed.remove(name);
            } else {
                changed.put(name, value);
            }
            return new TestRecord(topic, key, this.value, changed);
        }

        ReceivedEvent<CxEvent> read() {
            return EventReader.read(topic, key, value, headers::get);
        }

        <T extends CxEvent> Optional<ReceivedEvent<T>> read(Class<T> wanted) {
            return EventReader.read(topic, key, value, headers::get, wanted);
        }
    }
}
