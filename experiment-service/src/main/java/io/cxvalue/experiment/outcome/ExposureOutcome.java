package io.cxvalue.experiment.outcome;

import java.time.Instant;

/**
 * One exposure as the outcome path reads it, with the customer's stored outcome (null before the first computation).
 *
 * @param valueTier the customer's tier at exposure, {@link #UNSCORED} when they had none
 */
public record ExposureOutcome(String experimentId, String customerId, String variant, Instant exposedAt,
        String valueTier, CustomerOutcome stored) {

    /** The tier of a customer who had not been scored when exposed. */
    public static final String UNSCORED = "UNSCORED";
}
