package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.Topics;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.reporting.ContactFact;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.cxvalue.reporting.InteractionEvents.handled;
import static io.cxvalue.reporting.InteractionEvents.interaction;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The decoder on its own: which records become facts and which are rejected, and why. */
class InteractionRecordDecoderTest {

    private static final Instant STARTED_AT = Instant.parse("2025-03-03T09:00:00Z");
    private static final ValidatorFactory VALIDATION = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();

    private final InteractionRecordDecoder decoder = new InteractionRecordDecoder(VALIDATION.getValidator());

    @AfterAll
    static void closeValidation() {
        VALIDATION.close();
    }

    @Test
    void decodesAnInteractionIntoAFactCarryingTheEventId() {
        InteractionRecorded event = handled("team-a", "cust-1", STARTED_AT, 300, 10, 20);

        ContactFact fact = decoder.decode(record("evt-1", EventType.INTERACTION_RECORDED.ceType(),
                EventJson.write(event)));

        assertThat(fact.interactionId(), equalTo(event.interactionId()));
        assertThat(fact.eventId(), equalTo("evt-1"));
        assertThat(fact.teamId(), equalTo("team-a"));
        assertThat(fact.startedAt(), equalTo(STARTED_AT));
        assertThat(fact.handleSeconds(), equalTo(330));
    }

    @Test
    void rejectsARecordWithoutPayload() {
        MalformedEventException rejection = assertThrows(MalformedEventException.class,
                () -> decoder.decode(record("evt-1", EventType.INTERACTION_RECORDED.ceType(), null)));
        assertThat(rejection.getMessage(), containsString("no payload"));
    }

    @Test
    void rejectsABlankEventId() {
        MalformedEventException rejection = assertThrows(MalformedEventException.class,
                () -> decoder.decode(record(" ", EventType.INTERACTION_RECORDED.ceType(), "{}")));
        assertThat(rejection.getMessage(), equalTo("Missing CloudEvents header ce_id"));
    }

    @Test
    void rejectsAMissingEventType() {
        MalformedEventException rejection = assertThrows(MalformedEventException.class,
                () -> decoder.decode(record("evt-1", null, "{}")));
        assertThat(rejection.getMessage(), equalTo("Missing CloudEvents header ce_type"));
    }

    @Test
    void rejectsAnInteractionWithoutStartTimeOrChannel() {
        String json = "{\"interactionId\":\"int-1\",\"source\":\"s\",\"externalId\":\"e\",\"customerId\":\"c\","
                + "\"direction\":\"INBOUND\",\"abandoned\":false,\"transfers\":0}";

        MalformedEventException rejection = assertThrows(MalformedEventException.class,
                () -> decoder.decode(record("evt-1", EventType.INTERACTION_RECORDED.ceType(), json)));

        assertThat(rejection.getMessage(), containsString("channel must not be null"));
        assertThat(rejection.getMessage(), containsString("startedAt must not be null"));
    }

    @Test
    void rejectsAnEnumValueOutsideTheContract() {
        String json = EventJson.write(handled("team-a", "cust-1", STARTED_AT, 1, 0, 0))
                .replace("\"VOICE\"", "\"PIGEON\"");

        MalformedEventException rejection = assertThrows(MalformedEventException.class,
                () -> decoder.decode(record("evt-1", EventType.INTERACTION_RECORDED.ceType(), json)));

        assertThat(rejection.getMessage(), containsString("Not a valid InteractionRecorded"));
    }

    @Test
    void rejectsValuesBeyondTheContractLimits() {
        InteractionRecorded tooLong = interaction("t".repeat(129), "cust-1", STARTED_AT, 604_801, 0, 0, false);

        MalformedEventException rejection = assertThrows(MalformedEventException.class,
                () -> decoder.decode(record("evt-1", EventType.INTERACTION_RECORDED.ceType(),
                        EventJson.write(tooLong))));

        assertThat(rejection.getMessage(), containsString("teamId size must be between 1 and 128"));
        assertThat(rejection.getMessage(), containsString("talkSeconds must be less than or equal to 604800"));
    }

    @Test
    void acceptsAFieldAddedToTheContractLater() {
        String json = EventJson.write(handled("team-a", "cust-1", STARTED_AT, 1, 0, 0))
                .replaceFirst("\\{", "{\"channelQuality\":\"HD\",");

        ContactFact fact = decoder.decode(record("evt-1", EventType.INTERACTION_RECORDED.ceType(), json));

        assertThat(fact.teamId(), equalTo("team-a"));
    }

    private static ConsumerRecord<String, String> record(String eventId, String ceType, String value) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.INTERACTIONS, 0, 42L, "cust-1", value);
        if (eventId != null) {
            record.headers().add(CloudEventHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8));
        }
        if (ceType != null) {
            record.headers().add(CloudEventHeaders.TYPE, ceType.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
