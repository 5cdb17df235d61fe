package io.cxvalue.reporting.messaging;

import io.cxvalue.contracts.CloudEventHeaders;
import io.cxvalue.contracts.CxEvent;
import io.cxvalue.contracts.EventJson;
import io.cxvalue.contracts.EventType;
import io.cxvalue.contracts.MalformedEventException;
import io.cxvalue.contracts.events.InteractionRecorded;
import io.cxvalue.reporting.ContactFact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a {@code cx.interactions} record into a valid {@link ContactFact}, or rejects it with a
 * {@link MalformedEventException} saying why (the reason lands in the dead-letter record's headers).
 */
@ApplicationScoped
public class InteractionRecordDecoder {

    private final Validator validator;

    InteractionRecordDecoder(Validator validator) {
        this.validator = validator;
    }

    public ContactFact decode(ConsumerRecord<String, String> record) {
        String eventId = requiredHeader(record, CloudEventHeaders.ID);
        String ceType = requiredHeader(record, CloudEventHeaders.TYPE);
        if (record.value() == null) {
            throw new MalformedEventException("Record " + eventId + " has no payload");
        }
        CxEvent event = EventJson.read(record.value(), ceType);
        if (!(event instanceof InteractionRecorded interaction)) {
            throw new MalformedEventException("Event type " + ceType + " does not belong on this topic; expected "
                    + EventType.INTERACTION_RECORDED.ceType());
        }
        ContactFact fact = ContactFact.of(eventId, interaction);
        Set<ConstraintViolation<ContactFact>> violations = validator.validate(fact);
        if (!violations.isEmpty()) {
            throw new MalformedEventException("Invalid " + ceType + " event " + eventId + ": " + describe(violations));
        }
        return fact;
    }

    private static String requiredHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        String value = header == null || header.value() == null
                ? null
                : new String(header.value(), StandardCharsets.UTF_8);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("Missing CloudEvents header " + name);
        }
        return value;
    }

    private static String describe(Set<ConstraintViolation<ContactFact>> violations) {
        return violations.stream()
                .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
    }
}
