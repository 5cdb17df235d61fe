package io.cxvalue.experiment.messaging;

/**
 * A valid event that could not be applied to the store within the retry budget. Its message becomes the
 * {@code dead-letter-reason} of the dead-lettered record, from which the event can be replayed once the store is back.
 */
public class EventNotAppliedException extends RuntimeException {

    public EventNotAppliedException(String eventId, int attempts, Throwable cause) {
        super("Event " + eventId + " not applied after " + attempts + " attempts: " + cause.getMessage(), cause);
    }
}
