package io.cxvalue.scoring.model.cx;

/**
 * What one input column does to the odds of satisfaction, for analysts ("what drives satisfaction").
 *
 * @param feature                 column name, e.g. {@code channel=CHAT}, {@code log1p(queueSeconds)}, {@code transfers}
 * @param reference               for a one-hot column the level it is compared with (e.g. {@code channel=VOICE}),
 *                                else null
 * @param coefficient             change in log-odds of satisfaction per unit of the column as named: being in the
 *                                level rather than the reference; one more {@code log1p} unit of a duration (about
 *                                e = 2.7 times as long); one more transfer; sentiment from 0 to 1
 * @param standardError           its approximate standard error (from the penalised information matrix)
 * @param standardisedCoefficient change in log-odds per training standard deviation of the column: comparable across
 *                                columns, the usual way to rank drivers
 * @param oddsRatio               {@code exp(coefficient)}
 */
public record FeatureEffect(String feature, String reference, double coefficient, double standardError,
        double standardisedCoefficient, double oddsRatio) {
}
