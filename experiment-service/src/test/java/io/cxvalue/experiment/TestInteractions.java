package io.cxvalue.experiment;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.Direction;
import io.cxvalue.contracts.events.ExperimentVariant;
import io.cxvalue.contracts.events.InteractionRecorded;

import java.time.Instant;
import java.util.UUID;

/** Interaction events as ingestion publishes them, each with a new interaction id. */
public final class TestInteractions {

    private TestInteractions() {
    }

    /** A unique id with a readable prefix, so that tests sharing the broker and database never see each other. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A resolved voice call of 180 + 20 + 40 seconds handled under the given experiment variant. */
    public static InteractionRecorded handledUnder(String experimentId, String variant, String customerId) {
        return interaction(customerId, new ExperimentVariant(experimentId, variant));
    }

    /** A contact that was not part of any experiment. */
    public static InteractionRecorded withoutExperiment(String customerId) {
        return interaction(customerId, null);
    }

    private static InteractionRecorded interaction(String customerId, ExperimentVariant experiment) {
        String interactionId = UUID.randomUUID().toString();
        return new InteractionRecorded(
                interactionId,
                "telephony",
                "call-" + interactionId,
                customerId,
                Channel.VOICE,
                Direction.INBOUND,
                Instant.parse("2026-03-02T09:15:00Z"),
                12,
                180,
                20,
                40,
                false,
                "agent-7",
                "team-a",
                "care",
                "billing",
                0,
                true,
                0.4,
                null,
                null,
                experiment);
    }
}
