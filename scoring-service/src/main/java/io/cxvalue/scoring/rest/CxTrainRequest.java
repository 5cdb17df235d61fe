package io.cxvalue.scoring.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Training settings for an inferred-CX model; every field is optional (absent: the configured default). */
public record CxTrainRequest(
        @Schema(description = "Lowest CSAT (1..5 scale) that counts as satisfied, 2..5", example = "4")
        Integer satisfiedFrom,
        @Schema(description = "Share of respondent customers held out to evaluate the model on, 0.05..0.5",
                example = "0.2") Double holdoutFraction,
        @Schema(description = "L2 penalty on the standardised coefficients, 0..1000", example = "1.0")
        Double l2Penalty,
        @Schema(description = "Seed of the train/holdout split of customers", example = "1") Long seed) {
}
