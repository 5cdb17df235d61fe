package io.cxvalue.scoring.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cxvalue.contracts.events.ExperimentDecided;
import io.cxvalue.contracts.events.HandlingInstruction;
import io.cxvalue.contracts.events.HandlingMode;
import io.cxvalue.scoring.CallerPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

class PolicyRolloutsTest {

    static final CallerPolicy.Recommendation RULES = new CallerPolicy.Recommendation(CallerPolicy.Handling.STANDARD,
            List.of("no special handling applies"), CallerPolicy.CrossSell.OFFER,
            List.of("no open issue or negative signal"));

    static ExperimentDecided decided(HandlingInstruction instruction) {
        return new ExperimentDecided("exp-1", "Efficient for LOW", "efficient", instruction, true, List.of("LOW"),
                Instant.parse("2026-12-01T10:00:00Z"), "ana", "No loss in revenue, 1.10 EUR less agent time");
    }

    @Test
    void theRolledOutModeAndTargetLeadTheReasonsAndTheRulesStayAsContext() {
        CallerPolicy.Recommendation r = PolicyRollouts.apply(RULES, "LOW", Map.of("LOW",
                decided(new HandlingInstruction(HandlingMode.EFFICIENT, 240, null, "Resolve and close."))));
        assertEquals(CallerPolicy.Handling.EFFICIENT, r.handling());
        assertEquals(List.of("tested policy for LOW callers from the test program 'Efficient for LOW' (variant "
                + "'efficient', decided 2026-12-01 by ana), handle-time target 240 s: Resolve and close.",
                "no special handling applies"), r.handlingReasons());
        // no cross-sell rule in the decision: the rules' own stands
        assertEquals(CallerPolicy.CrossSell.OFFER, r.crossSell());
        assertEquals(RULES.crossSellReasons(), r.crossSellReasons());
    }

    @Test
    void otherTiersAndUnscoredCallersKeepTheRules() {
        Map<String, ExperimentDecided> rollouts = Map.of("LOW",
                decided(new HandlingInstruction(HandlingMode.EFFICIENT, null, null, "Resolve and close.")));
        assertSame(RULES, PolicyRollouts.apply(RULES, "TOP", rollouts));
        assertSame(RULES, PolicyRollouts.apply(RULES, null, rollouts));
    }
}
