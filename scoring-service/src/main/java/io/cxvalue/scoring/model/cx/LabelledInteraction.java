package io.cxvalue.scoring.model.cx;

import java.util.Objects;

/**
 * A training example: an interaction with the CSAT its customer gave when surveyed about it.
 *
 * @param customerId whose interaction; the train/holdout split keeps all of a customer's interactions on one side,
 *                   so the holdout measures how the model does on customers it has not seen
 * @param features   the interaction
 * @param csat       the answer, 1..5; turned into satisfied / not satisfied by the trainer's {@link SatisfactionLabel}
 */
public record LabelledInteraction(String customerId, InteractionFeatures features, int csat) {

    public LabelledInteraction {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(features, "features");
        SatisfactionLabel.checkCsat(csat);
    }
}
