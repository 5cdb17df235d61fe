package io.cxvalue.experiment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long customers' history (customer_event) is kept for experiment outcomes ({@code experiment.history.*}). */
@ConfigMapping(prefix = "experiment.history")
public interface HistoryConfig {

    /**
     * Events older than this are deleted (each customer's latest score is kept) and no longer applied. The default
     * covers the longest pre-period (365 days), outcome window (365 days) and repeat window (7 days) an experiment can
     * have: an exposure that can still change never reads further back.
     */
    @WithDefault("P740D")
    Duration retention();

    /** How often old history is pruned. */
    @WithDefault("PT1H")
    Duration pruneInterval();

    /** Rows deleted per statement while pruning, so that no one transaction holds many locks. */
    @WithDefault("10000")
    int pruneBatchSize();
}
