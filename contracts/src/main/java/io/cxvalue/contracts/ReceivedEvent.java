package io.cxvalue.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event read off a topic by {@link EventReader}: its CloudEvents attributes and its payload, which passed every
 * check of the contract.
 *
 * @param eventId the CloudEvents id ({@code ce_id}): the same for every delivery of the event, so the key a consumer
 *                records to skip repeats; never blank, at most {@link EventReader#MAX_EVENT_ID_LENGTH} characters
 * @param type    the event type its {@code ce_type} announced; {@code event} is of {@code type.payloadType()}
 * @param source  the producer ({@code ce_source}), or {@code null} if the record did not say
 * @param time    when the producer says the event happened ({@code ce_time}), or {@code null} if the record did not
 *                say
 * @param event   the payload; its customer id is the record key (its experiment id on {@link Topics#EXPERIMENTS})
 * @param <T>     the payload type
 */
public record ReceivedEvent<T extends CxEvent>(String eventId, EventType type, String source, Instant time, T event) {

    public ReceivedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(event, "event");
        if (!type.payloadType().isInstance(event)) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " is not a payload of "
                    + type.ceType());
        }
    }

    /**
     * This event with its payload typed as {@code payloadType}, or empty if it is another type: for a consumer of a
     * topic that carries several types, e.g. {@code received.as(CustomerUpserted.class).ifPresent(this::upsert)}.
     */
    public <U extends CxEvent> Optional<ReceivedEvent<U>> as(Class<U> payloadType) {
        if (!payloadType.isInstance(event)) {
            return Optional.empty();
        }
        return Optional.of(new ReceivedEvent<>(eventId, type, source, time, payloadType.cast(event)));
    }
}
