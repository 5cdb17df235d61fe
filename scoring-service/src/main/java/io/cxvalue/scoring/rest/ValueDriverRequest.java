package io.cxvalue.scoring.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which periods to analyse; checked by the resource, so that a malformed value is a 400 naming the field. */
public record ValueDriverRequest(
        @Schema(description = "The day the next period (the outcome) ends, exclusive: an ISO day, not in the "
                + "future; today when absent", example = "2026-12-01") String asOf,
        @Schema(description = "Each period's length in months, 1 to 12; 3 when absent", example = "3")
        Integer months,
        @Schema(description = "Fit on a random sample of about this many customers when there are more (1,000 up to "
                + "the configured cx.scoring.value-drivers.max-customers, which is the default): faster, wider "
                + "intervals", example = "20000") Integer maxCustomers) {
}
