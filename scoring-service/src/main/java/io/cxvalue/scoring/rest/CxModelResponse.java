package io.cxvalue.scoring.rest;

import io.cxvalue.scoring.StoredCxModel;
import io.cxvalue.scoring.model.cx.CxModelReport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An inferred-CX model as analysts see it: its version, whether customers are scored with it, and its report
 * (respondents used, holdout AUC and calibration by decile, feature effects, the non-response caveat).
 */
public record CxModelResponse(
        @Schema(example = "cx-v1-2026-11-23-1a2b3c4d5e6f7a8b") String version,
        boolean active,
        String trainedAt,
        @Schema(description = "Satisfied = CSAT at least this") int satisfiedFrom,
        CxModelReport report) {

    static CxModelResponse of(StoredCxModel stored) {
        return new CxModelResponse(stored.model().version(), stored.active(), stored.model().trainedAt().toString(),
                stored.model().label().threshold(), stored.model().report());
    }
}
