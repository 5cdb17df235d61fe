package io.cxvalue.contracts;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a consumed record (CloudEvents binary mode: attributes in headers, JSON payload, customer id as key; the
 * experiment id on {@link Topics#EXPERIMENTS}) into a
 * {@link ReceivedEvent} that every consumer can trust, or rejects it with a {@link MalformedEventException} whose
 * message says exactly what is wrong; the consumer dead-letters the record with that message as the reason.
 * <p>
 * A record is rejected, in this order, when
 * <ol>
 *   <li>{@code ce_id} is missing, blank or longer than {@value #MAX_EVENT_ID_LENGTH} characters;</li>
 *   <li>{@code ce_type} is missing or not an {@link EventType} of this build;</li>
 *   <li>the type belongs on another topic;</li>
 *   <li>{@code ce_time} is present but not an RFC 3339 timestamp;</li>
 *   <li>there is no payload, or it is not one JSON value (trailing content and duplicate keys are errors);</li>
 *   <li>the payload breaks the type's JSON Schema ({@link EventType#schemaResource()}), except that properties the
 *       schema does not know are tolerated so that fields added to a v1 payload do not break older consumers;</li>
 *   <li>the record key is not the payload's customer id (one customer's events share a key, and so a partition,
 *       to stay in order); on {@link Topics#EXPERIMENTS}, not its experiment id ({@link CxEvent#key()}).</li>
 * </ol>
 * The checks take the record's parts and a header lookup; consumers pass their {@code ConsumerRecord} to
 * {@link #read(ConsumerRecord, Class)}, the one place headers are decoded. No framework is involved.
 * Stateless and thread-safe; the schemas are compiled once per JVM.
 */
public final class EventReader {

    /** Longest {@code ce_id} accepted: every consumer can store it in its applied-events table or document. */
    public static final int MAX_EVENT_ID_LENGTH = 128;

    private static final int MAX_REPORTED_VIOLATIONS = 5;
    /** Longest piece of a record echoed in a rejection message, which ends up in a dead-letter header. */
    private static final int MAX_ECHOED_LENGTH = 128;

    private static final Map<String, Set<Class<? extends CxEvent>>> PAYLOAD_TYPES_BY_TOPIC = Arrays
            .stream(EventType.values())
            .collect(Collectors.groupingBy(EventType::topic,
                    Collectors.mapping(EventType::payloadType, Collectors.toUnmodifiableSet())));

    private EventReader() {
    }

    /**
     * Reads a record of {@code topic} carrying any of the event types of that topic: for a consumer that handles
     * several of them (dispatch on {@link ReceivedEvent#type()} or with {@link ReceivedEvent#as}).
     *
     * @param topic  the topic the record was consumed from, one of {@link Topics#ALL}
     * @param key    the record key, {@code null} if it has none
     * @param value  the record value, {@code null} for a tombstone
     * @param header the value of the record's header of the given name, decoded as UTF-8, or {@code null} if the
     *               record has no such header (with repeated headers, the last one)
     * @throws MalformedEventException  if the record is not a valid event of {@code topic}
     * @throws IllegalArgumentException if {@code topic} is not a topic of the product
     */
    public static ReceivedEvent<CxEvent> read(String topic, String key, String value, Function<String, String> header) {
        requireTopic(topic);
        Objects.requireNonNull(header, "header");
        String eventId = eventId(header);
        EventType type = eventType(topic, header);
        return readEvent(type, eventId, key, value, header);
    }

    /** {@link #read(String, String, String, Function)} for a consumed Kafka record: any event type of its topic. */
    public static ReceivedEvent<CxEvent> read(ConsumerRecord<String, String> record) {
        return read(record.topic(), record.key(), record.value(), name -> header(record, name));
    }

    /** {@link #read(String, String, String, Function, Class)} for a consumed Kafka record. */
    public static <T extends CxEvent> Optional<ReceivedEvent<T>> read(ConsumerRecord<String, String> record,
            Class<T> wanted) {
        return read(record.topic(), record.key(), record.value(), name -> header(record, name), wanted);
    }

    /** The last header of that name as UTF-8 text, or null. */
    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Reads a record of {@code topic} for a consumer that handles only the {@code wanted} type of event.
     * <p>
     * A record of another event type of the same topic is a valid event this consumer has no use for, not a malformed
     * one, so it yields an empty result (acknowledge and skip it) without its payload being read. That keeps a
     * consumer correct when a topic carries several types (cx.customers, cx.erasures) and when a type is added to a
     * topic later. The headers are always checked: a record of an unknown type or one that belongs elsewhere is
     * rejected whatever the consumer wants.
     *
     * @param wanted the payload type this consumer handles; one of {@code topic}'s event types
     * @return the event, or empty if the record is another type of event of {@code topic}
     * @throws MalformedEventException  if the record is not a valid event of {@code topic}
     * @throws IllegalArgumentException if {@code topic} does not carry {@code wanted} events: a consumer that could
     *                                  never receive what it wants is a programming error, not a bad record
     * @see #read(String, String, String, Function)
     */
    public static <T extends CxEvent> Optional<ReceivedEvent<T>> read(String topic, String key, String value,
            Function<String, String> header, Class<T> wanted) {
        requireTopic(topic);
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(wanted, "wanted");
        if (!PAYLOAD_TYPES_BY_TOPIC.get(topic).contains(wanted)) {
            throw new IllegalArgumentException(wanted.getSimpleName() + " is not an event type of topic " + topic);
        }
        String eventId = eventId(header);
        EventType type = eventType(topic, header);
        if (type.payloadType() != wanted) {
            return Optional.empty();
        }
        return readEvent(type, eventId, key, value, header).as(wanted);
    }

    private static ReceivedEvent<CxEvent> readEvent(EventType type, String eventId, String key, String value,
            Function<String, String> header) {
        Instant time = time(header);
        CxEvent event = payload(type, value);
        String keyProperty = Topics.keyProperty(type.topic());
        if (key == null) {
            throw new MalformedEventException("Record has no key; it must be the payload's " + keyProperty + " '"
                    + echo(event.key()) + "'");
        }
        if (!key.equals(event.key())) {
            // One customer's (one experiment's) events must share a key to land on one partition and stay in order.
            throw new MalformedEventException("Record key '" + echo(key) + "' is not the payload's " + keyProperty
                    + " '" + echo(event.key()) + "'");
        }
        return new ReceivedEvent<>(eventId, type, header.apply(CloudEventHeaders.SOURCE), time, event);
    }

    private static String eventId(Function<String, String> header) {
        String eventId = header.apply(CloudEventHeaders.ID);
        if (eventId == null) {
            throw new MalformedEventException("Missing " + CloudEventHeaders.ID + " header");
        }
        if (eventId.isBlank()) {
            throw new MalformedEventException("Blank " + CloudEventHeaders.ID + " header");
        }
        if (eventId.length() > MAX_EVENT_ID_LENGTH) {
            throw new MalformedEventException(CloudEventHeaders.ID + " header longer than " + MAX_EVENT_ID_LENGTH
                    + " characters (" + eventId.length() + ")");
        }
        return eventId;
    }

    private static EventType eventType(String topic, Function<String, String> header) {
        String ceType = header.apply(CloudEventHeaders.TYPE);
        if (ceType == null) {
            throw new MalformedEventException("Missing " + CloudEventHeaders.TYPE + " header");
        }
        EventType type = EventType.ofCeType(ceType)
                .orElseThrow(() -> new MalformedEventException("Unknown event type " + echo(ceType)));
        if (!type.topic().equals(topic)) {
            throw new MalformedEventException("Event type " + ceType + " belongs on topic " + type.topic()
                    + ", not " + topic);
        }
        return type;
    }

    private static Instant time(Function<String, String> header) {
        String time = header.apply(CloudEventHeaders.TIME);
        if (time == null) {
            return null;
        }
        try {
            // RFC 3339 always carries an offset; ISO_OFFSET_DATE_TIME requires one and accepts 'Z'.
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(CloudEventHeaders.TIME + " header is not an RFC 3339 timestamp: '"
                    + echo(time) + "'", e);
        }
    }

    private static CxEvent payload(EventType type, String value) {
        if (value == null) {
            throw new MalformedEventException("Record has no payload (tombstone)");
        }
        if (value.isBlank()) {
            throw new MalformedEventException("Empty payload");
        }
        JsonNode tree;
        try {
            tree = EventJson.readStrictTree(value);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Payload is not JSON: " + e.getOriginalMessage(), e);
        }
        List<String> violations = EventSchemas.violations(type, tree);
        if (!violations.isEmpty()) {
            throw new MalformedEventException("Payload violates the " + type.ceType() + " schema: "
                    + summary(violations));
        }
        // The schema holds every rule Jackson would check, so this fails only if the record and the schema disagree.
        return EventJson.read(tree, type.payloadType());
    }

    private static String summary(List<String> violations) {
        String shown = violations.stream()
                .sorted()
                .limit(MAX_REPORTED_VIOLATIONS)
                .collect(Collectors.joining("; "));
        int more = violations.size() - MAX_REPORTED_VIOLATIONS;
        return more > 0 ? shown + "; and " + more + " more" : shown;
    }

    private static void requireTopic(String topic) {
        if (topic == null || !PAYLOAD_TYPES_BY_TOPIC.containsKey(topic)) {
            throw new IllegalArgumentException("Not a topic of the product: " + topic);
        }
    }

    /** A value taken from the record, cut short so that a huge header cannot bloat the dead-letter reason. */
    private static String echo(String value) {
        return value.length() <= MAX_ECHOED_LENGTH
                ? value
                : value.substring(0, MAX_ECHOED_LENGTH) + "... (" + value.length() + " characters)";
    }
}
