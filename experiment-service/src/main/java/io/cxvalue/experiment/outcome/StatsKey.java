package io.cxvalue.experiment.outcome;

import java.util.Comparator;

/** Where one group's statistics of one measure are kept: (experiment, variant, value tier at exposure, measure). */
public record StatsKey(String experimentId, String variant, String valueTier, Measure measure)
        implements Comparable<StatsKey> {

    private static final Comparator<StatsKey> ORDER = Comparator.comparing(StatsKey::experimentId)
            .thenComparing(StatsKey::variant).thenComparing(StatsKey::valueTier)
            .thenComparing(k -> k.measure().name());

    /** The order rows are locked in (the store's primary-key order), so that concurrent writers cannot deadlock. */
    @Override
    public int compareTo(StatsKey other) {
        return ORDER.compare(this, other);
    }
}
