package io.cxvalue.contracts.events;

import io.cxvalue.contracts.Topics;

import java.time.Instant;

/**
 * An experiment stopped randomizing customers: from now on no customer is exposed to it, and consumers stop showing
 * its instructions.
 * <p>
 * Published on {@link Topics#EXPERIMENTS}, keyed by {@code experimentId} ({@link ExperimentEvent}).
 *
 * @param stoppedBy who stopped it (1..128 characters)
 * @param reason    why, in words (1..500 characters); null when not given
 */
public record ExperimentStopped(String experimentId, Instant stoppedAt, String stoppedBy, String reason)
        implements ExperimentEvent {
}
