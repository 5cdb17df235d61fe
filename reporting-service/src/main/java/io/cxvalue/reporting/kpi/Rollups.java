package io.cxvalue.reporting.kpi;

import io.cxvalue.reporting.contact.ContactRecord;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cuts a set of contacts (one team's day) into the cells of every {@link RollupView}. Plain Java. */
public final class Rollups {

    private Rollups() {
    }

    /**
     * The cells of each view; issues whose window had closed by {@code asOf} are counted closed.
     *
     * @param serviceLevelSeconds the service-level threshold
     */
    public static Map<RollupView, Map<List<String>, KpiCell>> cells(List<ContactRecord> contacts, Instant asOf,
            int serviceLevelSeconds) {
        Map<RollupView, Map<List<String>, KpiCell>> views = new EnumMap<>(RollupView.class);
        for (RollupView view : RollupView.values()) {
            Map<List<String>, KpiCell> cells = new LinkedHashMap<>();
            for (ContactRecord contact : contacts) {
                cells.computeIfAbsent(view.cellKey(contact.fact()), k -> new KpiCell())
                        .add(contact, asOf, serviceLevelSeconds);
            }
            views.put(view, cells);
        }
        return views;
    }
}
