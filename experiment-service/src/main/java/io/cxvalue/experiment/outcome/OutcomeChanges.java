package io.cxvalue.experiment.outcome;

import io.cxvalue.experiment.stats.MetricStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies changed customer outcomes to the groups' statistics: a newly measured customer is added to their group, a
 * changed one replaced in it. Collects the changes of one batch, then
 * folds them into the statistics read from the store.
 */
public final class OutcomeChanges {

    private record Change(ExposureOutcome exposure, CustomerOutcome now) {
    }

    private final List<Change> changes = new ArrayList<>();

    /**
     * Records that the exposure's outcome is now {@code now}; nothing when it equals the stored one.
     *
     * @return whether anything changed
     */
    public boolean record(ExposureOutcome exposure, CustomerOutcome now) {
        if (now.equals(exposure.stored())) {
            return false;
        }
        changes.add(new Change(exposure, now));
        return true;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The statistics the changes touch, in locking order. */
    public SortedSet<StatsKey> keys() {
        SortedSet<StatsKey> keys = new TreeSet<>();
        for (Change c : changes) {
            for (int m = 0; m < Measure.count(); m++) {
                keys.add(key(c.exposure(), Measure.at(m)));
            }
        }
        return keys;
    }

    /** The statistics after the changes, given their current values (missing: none yet). */
    public Map<StatsKey, MetricStats> apply(Map<StatsKey, MetricStats> current) {
        Map<StatsKey, MetricStats> updated = new TreeMap<>(current);
        for (Change c : changes) {
            CustomerOutcome before = c.exposure().stored();
            for (int m = 0; m < Measure.count(); m++) {
                StatsKey key = key(c.exposure(), Measure.at(m));
                MetricStats stats = updated.getOrDefault(key, MetricStats.empty());
                stats = before == null
                        ? stats.add(c.now().y()[m], c.now().x()[m])
                        : stats.replace(before.y()[m], before.x()[m], c.now().y()[m], c.now().x()[m]);
                updated.put(key, stats);
            }
        }
        return updated;
    }

    private static StatsKey key(ExposureOutcome exposure, Measure measure) {
        return new StatsKey(exposure.experimentId(), exposure.variant(), exposure.valueTier(), measure);
    }
}
