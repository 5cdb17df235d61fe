package io.cxvalue.scoring.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A fit request. Dates are ISO days ({@code 1997-09-30}); they and the unit are checked by the resource, so that a
 * malformed value is a 400 naming the field.
 */
public record FitRequest(
        @Schema(description = "Last day of the calibration period (inclusive); not in the future",
                example = "1997-09-30", required = true) String calibrationEnd,
        @Schema(description = "Time unit of recency, age and alpha", enumeration = {"DAYS", "WEEKS"},
                example = "WEEKS", required = true) String timeUnit,
        @Schema(description = "Last day of a holdout period to validate on (after calibrationEnd, not in the "
                + "future); none when absent", example = "1998-06-30") String holdoutEnd) {
}
