package io.cxvalue.experiment.exposure;

import java.time.Instant;

/**
 * A customer's exposure to an experiment: their first eligible contact while it ran, under the variant the shared hash
 * assigns, with the value tier they had then (null when never scored).
 */
public record Exposure(String experimentId, String customerId, String variant, Instant exposedAt,
        String interactionId, String valueTier) {
}
