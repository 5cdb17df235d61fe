package io.cxvalue.reporting;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.InteractionRecorded;

import java.time.Instant;
import java.util.UUID;

/** InteractionRecorded events for tests, each with fresh interaction and external ids. */
public final class InteractionEvents {

    private InteractionEvents() {
    }

    /** A voice contact of {@code teamId} handled with the given talk, hold and after-work seconds. */
    public static InteractionRecorded handled(String teamId, String customerId, Instant startedAt, int talkSeconds,
            int holdSeconds, int afterWorkSeconds) {
        return interaction(teamId, customerId, startedAt, talkSeconds, holdSeconds, afterWorkSeconds, false);
    }

    /** A voice contact of {@code teamId} the customer abandoned in the queue. */
    public static InteractionRecorded abandoned(String teamId, String customerId, Instant startedAt) {
        return interaction(teamId, customerId, startedAt, null, null, null, true);
    }

    public static InteractionRecorded interaction(String teamId, String customerId, Instant startedAt,
            Integer talkSeconds, Integer holdSeconds, Integer afterWorkSeconds, boolean abandoned) {
        String interactionId = "int-" + UUID.randomUUID();
        return new InteractionRecorded(
                interactionId,
                "telephony",
                "ext-" + interactionId,
                customerId,
                Channel.VOICE,
                Direction.INBOUND,
                startedAt,
                abandoned ? 95 : 12,
                talkSeconds,
                holdSeconds,
                afterWorkSeconds,
                abandoned,
                abandoned ? null : "agent-7",
                teamId,
                "dept-care",
                "billing",
                0,
                abandoned ? null : Boolean.TRUE,
                null,
                null,
                null,
                null);
    }

    /** A unique id for a test's team or customer, so tests sharing the store do not see each other's data. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
