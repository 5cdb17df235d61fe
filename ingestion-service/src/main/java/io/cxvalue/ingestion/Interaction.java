package io.cxvalue.ingestion;

import io.cxvalue.contracts.events.InteractionRecorded;

import java.time.Instant;

/**
 * An interaction as ingestion stores it: the clean record it publishes, and when it was received.
 */
public record Interaction(InteractionRecorded record, Instant receivedAt) {

    public String id() {
        return record.interactionId();
    }
}
