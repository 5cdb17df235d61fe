package io.cxvalue.reporting.change;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A change to how the centre works, recorded by an analyst so its effect can be measured: a training programme, a new
 * script, a routing change. It took effect on {@code effectiveDate} (in the reporting zone) for {@code teams}, and
 * only for contacts about {@code reasons} when any are named.
 *
 * @param cost     what the change cost, null when not entered
 * @param currency the cost's ISO 4217 code
 */
public record ProcessChange(String id, String name, String description, LocalDate effectiveDate, List<String> teams,
        List<String> reasons, Double cost, String currency, Instant recordedAt, String recordedBy) {

    public ProcessChange {
        teams = List.copyOf(teams);
        reasons = List.copyOf(reasons);
    }
}
