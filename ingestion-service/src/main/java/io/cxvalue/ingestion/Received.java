package io.cxvalue.ingestion;

import java.time.Instant;

/** A stored record of any kind: the clean event ingestion publishes, and when it was received. */
public record Received<R>(R record, Instant receivedAt) {
}
