package io.cxvalue.reporting;

import java.time.Instant;
import java.util.Optional;

/**
 * The half-open interval [from, to) of contact start times a report covers; either end may be open.
 */
public record ReportingPeriod(Instant from, Instant to) {

    public ReportingPeriod {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    public Optional<Instant> start() {
        return Optional.ofNullable(from);
    }

    public Optional<Instant> end() {
        return Optional.ofNullable(to);
    }
}
