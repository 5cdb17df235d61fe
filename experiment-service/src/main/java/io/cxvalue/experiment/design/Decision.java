package io.cxvalue.experiment.design;

import java.time.Instant;
import java.util.List;

/**
 * One decision on an experiment, as the audit trail keeps it: the chosen variant, whether its instruction was rolled
 * out into the caller policy and for which value tiers, why, who and when.
 */
public record Decision(long id, String experimentId, String variant, boolean rollout, List<String> valueTiers,
        String rationale, String decidedBy, Instant decidedAt) {

    public Decision {
        valueTiers = List.copyOf(valueTiers);
    }
}
