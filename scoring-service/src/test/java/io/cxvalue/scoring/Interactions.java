package io.cxvalue.scoring;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;

import java.time.Instant;
import java.util.UUID;

/** Interaction events for tests. */
public final class Interactions {

    private Interactions() {
    }

    /** A customer id no other test uses, so tests sharing the database do not see each other's contacts. */
    public static String newCustomerId() {
        return "c-" + UUID.randomUUID();
    }

    /** An answered inbound contact with a reason and a sentiment. */
    public static InteractionRecorded interaction(String customerId, Channel channel, Instant startedAt) {
        return interaction(customerId, channel, startedAt, false, "billing", 0.5);
    }

    public static InteractionRecorded interaction(String customerId, Channel channel, Instant startedAt,
            boolean abandoned, String contactReason, Double sentiment) {
        String interactionId = "i-" + UUID.randomUUID();
        return new InteractionRecorded(
                interactionId,
                "test-platform",
                "ext-" + interactionId,
                customerId,
                channel,
                Direction.INBOUND,
                startedAt,
                12,
                abandoned ? null : 240,
                abandoned ? null : 30,
                abandoned ? null : 60,
                abandoned,
                abandoned ? null : "agent-7",
                abandoned ? null : "team-1",
                "dept-1",
                contactReason,
                0,
                abandoned ? null : Boolean.TRUE,
                sentiment,
                null,
                null,
                null);
    }
}
