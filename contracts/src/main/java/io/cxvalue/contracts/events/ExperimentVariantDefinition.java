package io.cxvalue.contracts.events;

/**
 * One variant of an experiment as {@link ExperimentStarted} publishes it.
 *
 * @param key         the variant's id, unique within the experiment (1..64 of {@code [A-Za-z0-9._-]}); the
 *                    {@code variant} of {@link VariantAssigned} and {@link ExperimentVariant}
 * @param weight      relative weight, 1..10000: the variant's share of customers is its weight over the sum of the
 *                    experiment's weights (see {@link io.cxvalue.contracts.experiments.VariantAssignment})
 * @param control     whether this is the control variant (exactly one per experiment)
 * @param instruction what the agent is told for a caller in this variant
 */
public record ExperimentVariantDefinition(String key, int weight, boolean control, HandlingInstruction instruction) {
}
