package io.cxvalue.scoring.experiment;

import io.cxvalue.contracts.events.Channel;
import io.cxvalue.contracts.events.CrossSellRule;
import io.cxvalue.contracts.events.Eligibility;
import io.cxvalue.contracts.events.ExperimentStarted;
import io.cxvalue.contracts.events.ExperimentVariantDefinition;
import io.cxvalue.contracts.events.HandlingMode;
import io.cxvalue.contracts.experiments.VariantAssignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which running experiments a caller is in, and what each tells the agent. The variant comes from contracts'
 * {@link VariantAssignment} (a hash of the experiment's salt and the customer id), so the card, experiment-service and
 * anyone else compute the same one with no call and no stored assignment. Eligibility by value tier is decided here
 * (the card knows the tier); channel, contact reason and team belong to the contact, which the card does not know
 * yet, so the entry states them as the condition under which the instruction applies.
 */
public final class CallerExperiments {

    /**
     * One experiment the caller is in.
     *
     * @param appliesWhen the contact-level eligibility, in words; null when every contact of the caller is eligible
     * @param why         why the agent sees this, in words
     */
    public record Entry(String experimentId, String name, String variant, boolean control, HandlingMode handling,
            Integer handleTimeTargetSeconds, CrossSellRule crossSell, String agentMessage, String appliesWhen,
            String why) {
    }

    private CallerExperiments() {
    }

    /** The caller's entries, in the order the experiments started; none for a caller outside every experiment. */
    public static List<Entry> of(List<ExperimentStarted> running, String customerId, String valueTier) {
        List<Entry> entries = new ArrayList<>();
        running.stream().sorted(Comparator.comparing(ExperimentStarted::startedAt)).forEach(experiment -> {
            Eligibility eligibility = experiment.eligibility();
            if (!eligibility.admitsValueTier(valueTier)) {
                return;
            }
            ExperimentVariantDefinition variant = VariantAssignment.variant(experiment.salt(), customerId,
                    experiment.variants(), ExperimentVariantDefinition::weight);
            entries.add(new Entry(experiment.experimentId(), experiment.name(), variant.key(), variant.control(),
                    variant.instruction().handling(), variant.instruction().handleTimeTargetSeconds(),
                    variant.instruction().crossSell(), variant.instruction().agentMessage(),
                    appliesWhen(eligibility), why(experiment, variant)));
        });
        return entries;
    }

    static String appliesWhen(Eligibility e) {
        List<String> parts = new ArrayList<>();
        if (!e.channels().isEmpty()) {
            parts.add("on " + String.join(" or ", e.channels().stream().map(Channel::name).toList()));
        }
        if (!e.contactReasons().isEmpty()) {
            parts.add("about " + String.join(" or ", e.contactReasons()));
        }
        if (!e.teams().isEmpty()) {
            parts.add("handled by team " + String.join(" or ", e.teams()));
        }
        return parts.isEmpty() ? null : "for contacts " + String.join(", ", parts);
    }

    static String why(ExperimentStarted experiment, ExperimentVariantDefinition variant) {
        return "This caller is in the test program '" + experiment.name() + "', randomly assigned to "
                + (variant.control() ? "the control group" : "variant '" + variant.key() + "'")
                + ": follow this instruction so the program can measure what it does.";
    }
}
