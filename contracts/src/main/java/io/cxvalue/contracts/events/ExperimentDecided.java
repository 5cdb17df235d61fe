package io.cxvalue.contracts.events;

import io.cxvalue.contracts.Topics;

import java.time.Instant;
import java.util.List;

/**
 * An analyst decided what an experiment showed. When {@code rollout} is true, the chosen variant's instruction becomes
 * the caller policy for callers in {@code valueTiers}: scoring-service applies it to every later caller card of those
 * tiers (a later decision for a tier replaces an earlier one).
 * <p>
 * Published on {@link Topics#EXPERIMENTS}, keyed by {@code experimentId} ({@link ExperimentEvent}).
 *
 * @param name        the experiment's name, for the reasons the card gives
 * @param variant     the chosen variant's key
 * @param instruction the chosen variant's instruction
 * @param rollout     whether the instruction becomes the caller policy for {@code valueTiers}
 * @param valueTiers  the tiers it is rolled out to (empty when not rolled out)
 * @param decidedBy   who decided (1..128 characters)
 * @param rationale   why, in words (1..2000 characters)
 */
public record ExperimentDecided(String experimentId, String name, String variant, HandlingInstruction instruction,
        boolean rollout, List<String> valueTiers, Instant decidedAt, String decidedBy, String rationale)
        implements ExperimentEvent {

    public ExperimentDecided {
        valueTiers = valueTiers == null ? List.of() : List.copyOf(valueTiers);
    }
}
