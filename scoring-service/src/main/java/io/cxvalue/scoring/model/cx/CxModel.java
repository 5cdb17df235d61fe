package io.cxvalue.scoring.model.cx;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A trained, immutable inferred-CX model: the encoding fitted on the training respondents, the logistic regression
 * coefficients over the encoded (standardised) columns, and the report of its training and holdout evaluation.
 *
 * <p>The model scored is exactly the one evaluated: it is fitted on the training part only and not refitted on all
 * respondents afterwards, so the holdout figures in the report describe it rather than a sibling.
 *
 * @param version       {@code cx-v<format>-<training date>-<hash>}, the hash over label, encoding and coefficients:
 *                      equal fits get equal versions, any refit that changes a number gets a new one
 * @param formatVersion {@link #FORMAT_VERSION}: bumped when the encoding or the meaning of the numbers changes
 * @param trainedAt     when it was trained
 * @param label         what "satisfied" means for this model
 * @param encoder       the feature encoding
 * @param intercept     log-odds of satisfaction at the training means of the encoded columns
 * @param coefficients  one per {@link FeatureEncoder#columns()} column, on the standardised scale
 * @param report        the analyst's view of it
 */
public record CxModel(String version, int formatVersion, Instant trainedAt, SatisfactionLabel label,
        FeatureEncoder encoder, double intercept, List<Double> coefficients, CxModelReport report) {

    public static final int FORMAT_VERSION = 1;

    public CxModel {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(trainedAt, "trainedAt");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(report, "report");
        coefficients = List.copyOf(coefficients);
        if (coefficients.size() != encoder.columns().size()) {
            throw new IllegalArgumentException(coefficients.size() + " coefficients for " + encoder.columns().size()
                    + " columns");
        }
        if (!Double.isFinite(intercept) || coefficients.stream().anyMatch(c -> !Double.isFinite(c))) {
            throw new IllegalArgumentException("coefficients must be finite");
        }
    }

    /** Probability that the customer would report being satisfied with this interaction (per {@link #label()}). */
    public double probabilitySatisfied(InteractionFeatures features) {
        double[] x = encoder.encode(features);
        double eta = intercept;
        for (int j = 0; j < x.length; j++) {
            eta += coefficients.get(j) * x[j];
        }
        return LogisticRegression.sigmoid(eta);
    }

    static String versionOf(Instant trainedAt, SatisfactionLabel label, FeatureEncoder encoder, double intercept,
            double[] coefficients) {
        long h = 1125899906842597L;
        h = mix(h, label.threshold());
        for (String reason : encoder.reasons()) {
            h = mix(h, reason.hashCode());
        }
        for (String field : encoder.medians().keySet().stream().sorted().toList()) {
            h = mix(h, field.hashCode());
            h = mix(h, Double.doubleToLongBits(encoder.medians().get(field)));
        }
        for (FeatureEncoder.Column c : encoder.columns()) {
            h = mix(h, c.name().hashCode());
            h = mix(h, Double.doubleToLongBits(c.mean()));
            h = mix(h, Double.doubleToLongBits(c.scale()));
        }
        h = mix(h, Double.doubleToLongBits(intercept));
        for (double c : coefficients) {
            h = mix(h, Double.doubleToLongBits(c));
        }
        return String.format(Locale.ROOT, "cx-v%d-%s-%016x", FORMAT_VERSION,
                trainedAt.atOffset(ZoneOffset.UTC).toLocalDate(), h);
    }

    private static long mix(long h, long v) {
        h = 31 * h + v;
        return h ^ (h >>> 29);
    }
}
