package io.cxvalue.reporting.messaging;

import java.time.Instant;
import java.util.List;

/**
 * The value of a record on {@code cx.reporting.cell-changes} (keyed by team): contacts of one team whose KPI cells
 * must be brought in line with their present state.
 *
 * @param team           the team ({@code ~} for contacts without one)
 * @param interactionIds the contacts
 * @param eventsUpTo     the newest event time of the batch of events that changed them: once this record is
 *                       applied, the KPIs show every event of that batch
 */
public record CellChange(String team, List<String> interactionIds, Instant eventsUpTo) {

    /** At most this many contacts per record, to keep records small whatever the batch size. */
    static final int MAX_IDS = 500;
}
