package io.cxvalue.scoring.experiment;

import io.cxvalue.contracts.events.ExperimentDecided;
import io.cxvalue.contracts.events.HandlingInstruction;
import io.cxvalue.scoring.CallerPolicy;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the caller policy rolled out from decided experiments: a caller whose value tier has a rollout gets its
 * handling mode (and cross-sell rule, when the decision set one) in place of the rules' recommendation, with the
 * decision as the first reason, so the agent knows the instruction is a tested policy and where it came from.
 */
public final class PolicyRollouts {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private PolicyRollouts() {
    }

    /** The recommendation for a caller of {@code valueTier}, given the rollouts by tier. */
    public static CallerPolicy.Recommendation apply(CallerPolicy.Recommendation recommendation, String valueTier,
            Map<String, ExperimentDecided> rollouts) {
        ExperimentDecided decision = valueTier == null ? null : rollouts.get(valueTier);
        if (decision == null) {
            return recommendation;
        }
        HandlingInstruction instruction = decision.instruction();
        String because = "tested policy for " + valueTier + " callers from the test program '" + decision.name()
                + "' (variant '" + decision.variant() + "', decided " + DAY.format(decision.decidedAt()) + " by "
                + decision.decidedBy() + ")" + (instruction.handleTimeTargetSeconds() == null ? ""
                        : ", handle-time target " + instruction.handleTimeTargetSeconds() + " s")
                + ": " + instruction.agentMessage();
        List<String> handlingReasons = new ArrayList<>();
        handlingReasons.add(because);
        handlingReasons.addAll(recommendation.handlingReasons());
        CallerPolicy.CrossSell crossSell = recommendation.crossSell();
        List<String> crossSellReasons = recommendation.crossSellReasons();
        if (instruction.crossSell() != null) {
            crossSell = CallerPolicy.CrossSell.valueOf(instruction.crossSell().name());
            crossSellReasons = new ArrayList<>();
            crossSellReasons.add(because);
            crossSellReasons.addAll(recommendation.crossSellReasons());
        }
        return new CallerPolicy.Recommendation(CallerPolicy.Handling.valueOf(instruction.handling().name()),
                handlingReasons, crossSell, crossSellReasons);
    }
}
