package io.cxvalue.scoring.model.cx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Trains the inferred-CX model on interactions with a CSAT answer and evaluates it on held-out respondents.
 *
 * <ol>
 *   <li>Label: satisfied = CSAT &ge; threshold ({@link SatisfactionLabel}).</li>
 *   <li>Split: each customer goes wholly to the holdout with probability {@code holdoutFraction}, decided by a seeded
 *       hash of the customer id. Deterministic (same data and seed, same split, whatever the row order), and a
 *       customer's interactions are never on both sides, so the holdout measures the model on new customers rather
 *       than rewarding it for recognising people it trained on.</li>
 *   <li>Encode: {@link FeatureEncoder} fitted on the training part only.</li>
 *   <li>Fit: {@link LogisticRegression} with a small L2 penalty.</li>
 *   <li>Evaluate on the holdout: AUC (rank-based, ties half), calibration by decile, Brier score, log loss, against the
 *       baseline of predicting the training satisfied rate for everyone.</li>
 * </ol>
 *
 * <p>Refuses ({@link CxTrainingException}) with fewer than {@code minRespondents} respondents, with a single class,
 * with fewer than {@code minPerClass} satisfied or not-satisfied respondents in the training part, with a holdout
 * lacking a class or rows for the deciles, or when the fit does not converge.
 */
public final class CxModelTrainer {

    /** Calibration groups in the report. */
    public static final int CALIBRATION_GROUPS = 10;

    private CxModelTrainer() {
    }

    /**
     * Training settings.
     *
     * @param trainedAt       recorded as the training time (and in the version); passed in so training is repeatable
     * @param label           what counts as satisfied
     * @param seed            seed of the customer split
     * @param holdoutFraction share of customers held out, in (0, 1)
     * @param l2Penalty       L2 penalty on the standardised coefficients, &ge; 0
     * @param topReasons      contact reasons allowed their own column
     * @param minCount        rows needed on each side of an indicator column (and by a contact reason)
     * @param minRespondents  fewest respondents to train on at all
     * @param minPerClass     fewest satisfied and fewest not-satisfied respondents in the training part
     * @param maxIterations   Newton iteration cap
     * @param tolerance       convergence tolerance on the largest coefficient step
     */
    public record Options(Instant trainedAt, SatisfactionLabel label, long seed, double holdoutFraction,
            double l2Penalty, int topReasons, int minCount, int minRespondents, int minPerClass, int maxIterations,
            double tolerance) {

        public Options {
            Objects.requireNonNull(trainedAt, "trainedAt");
            Objects.requireNonNull(label, "label");
            if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
                throw new IllegalArgumentException("holdoutFraction must be in (0, 1), was " + holdoutFraction);
            }
            if (!(l2Penalty >= 0) || topReasons < 0 || minCount < 1 || minRespondents < 1 || minPerClass < 1
                    || maxIterations < 1 || !(tolerance > 0)) {
                throw new IllegalArgumentException("invalid training options " + this);
            }
        }

        /**
         * Defaults: CSAT &ge; 4, seed 1, 20 % holdout, penalty 1, top 20 reasons, 20 rows per indicator side,
         * at least 200 respondents and 20 per class in training, 50 iterations, tolerance 1e-8.
         */
        public static Options defaults(Instant trainedAt) {
            return new Options(trainedAt, SatisfactionLabel.DEFAULT, 1L, 0.2, 1.0, 20, 20, 200, 20, 50, 1e-8);
        }

        public Options withLabel(SatisfactionLabel l) {
            return new Options(trainedAt, l, seed, holdoutFraction, l2Penalty, topReasons, minCount, minRespondents,
                    minPerClass, maxIterations, tolerance);
        }

        public Options withSeed(long s) {
            return new Options(trainedAt, label, s, holdoutFraction, l2Penalty, topReasons, minCount, minRespondents,
                    minPerClass, maxIterations, tolerance);
        }

        public Options withL2Penalty(double penalty) {
            return new Options(trainedAt, label, seed, holdoutFraction, penalty, topReasons, minCount, minRespondents,
                    minPerClass, maxIterations, tolerance);
        }

        public Options withMinimums(int respondents, int perClass) {
            return new Options(trainedAt, label, seed, holdoutFraction, l2Penalty, topReasons, minCount, respondents,
                    perClass, maxIterations, tolerance);
        }
    }

    /** Trains and evaluates; see the class description. */
    public static CxModel train(List<LabelledInteraction> respondents, Options options) {
        int total = respondents.size();
        if (total < options.minRespondents()) {
            throw new CxTrainingException(CxTrainingException.Reason.TOO_FEW_RESPONDENTS, "need at least "
                    + options.minRespondents() + " interactions with a CSAT answer to train, have " + total);
        }
        SatisfactionLabel label = options.label();
        long satisfied = respondents.stream().filter(r -> label.satisfied(r.csat())).count();
        if (satisfied == 0 || satisfied == total) {
            throw new CxTrainingException(CxTrainingException.Reason.SINGLE_CLASS, "all " + total + " respondents are "
                    + (satisfied == 0 ? "not satisfied" : "satisfied") + " (" + label.describe()
                    + "); a model needs both outcomes");
        }

        List<InteractionFeatures> trainRows = new ArrayList<>();
        List<Boolean> trainY = new ArrayList<>();
        List<InteractionFeatures> holdoutRows = new ArrayList<>();
        List<Boolean> holdoutY = new ArrayList<>();
        Set<String> trainCustomers = new HashSet<>();
        Set<String> holdoutCustomers = new HashSet<>();
        for (LabelledInteraction r : respondents) {
            boolean y = label.satisfied(r.csat());
            if (inHoldout(r.customerId(), options.seed(), options.holdoutFraction())) {
                holdoutRows.add(r.features());
                holdoutY.add(y);
                holdoutCustomers.add(r.customerId());
            } else {
                trainRows.add(r.features());
                trainY.add(y);
                trainCustomers.add(r.customerId());
            }
        }
        boolean[] yTrain = toArray(trainY);
        boolean[] yHoldout = toArray(holdoutY);
        long trainPositives = count(yTrain);
        long holdoutPositives = count(yHoldout);
        long trainMinority = Math.min(trainPositives, yTrain.length - trainPositives);
        if (trainMinority < options.minPerClass()) {
            throw new CxTrainingException(CxTrainingException.Reason.TOO_FEW_IN_CLASS, "the training part has "
                    + trainPositives + " satisfied and " + (yTrain.length - trainPositives)
                    + " not-satisfied respondents; need at least " + options.minPerClass() + " of each");
        }
        if (yHoldout.length < CALIBRATION_GROUPS || holdoutPositives == 0 || holdoutPositives == yHoldout.length) {
            throw new CxTrainingException(CxTrainingException.Reason.TOO_FEW_IN_CLASS, "the holdout part ("
                    + holdoutCustomers.size() + " customers) has " + holdoutPositives + " satisfied and "
                    + (yHoldout.length - holdoutPositives) + " not-satisfied respondents; it needs both and at least "
                    + CALIBRATION_GROUPS + " rows (more customers with answers are needed)");
        }

        FeatureEncoder encoder = FeatureEncoder.fit(trainRows, options.topReasons(), options.minCount());
        LogisticRegression.Fit fit;
        try {
            fit = LogisticRegression.fit(encoder.encodeAll(trainRows), yTrain, options.l2Penalty(),
                    options.maxIterations(), options.tolerance());
        } catch (IllegalArgumentException e) {
            throw new CxTrainingException(CxTrainingException.Reason.NOT_CONVERGED, e.getMessage());
        }
        if (!fit.converged()) {
            throw new CxTrainingException(CxTrainingException.Reason.NOT_CONVERGED, "the fit did not converge in "
                    + fit.iterations() + " iterations; try a larger L2 penalty");
        }
        double[] coefficients = fit.coefficients();
        String version = CxModel.versionOf(options.trainedAt(), label, encoder, fit.intercept(), coefficients);
        List<Double> coefficientList = new ArrayList<>();
        for (double c : coefficients) {
            coefficientList.add(c);
        }

        // Holdout evaluation of exactly the model returned.
        double[] p = new double[holdoutRows.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = LogisticRegression.sigmoid(LogisticRegression.linearPredictor(fit.intercept(), coefficients,
                    encoder.encode(holdoutRows.get(i))));
        }
        double trainRate = (double) trainPositives / yTrain.length;
        double[] baseline = new double[p.length];
        Arrays.fill(baseline, trainRate);
        double auc = Metrics.auc(p, yHoldout);

        List<FeatureEffect> effects = new ArrayList<>();
        double[] se = fit.standardErrors();
        List<FeatureEncoder.Column> columns = encoder.columns();
        for (int j = 0; j < columns.size(); j++) {
            FeatureEncoder.Column c = columns.get(j);
            double raw = coefficients[j] / c.scale();
            effects.add(new FeatureEffect(c.name(), c.reference(), raw, se[j] / c.scale(), coefficients[j],
                    Math.exp(raw)));
        }
        CxModelReport report = new CxModelReport(version, options.trainedAt(), label.describe(),
                new CxModelReport.Respondents(total, yTrain.length, yHoldout.length, trainCustomers.size(),
                        holdoutCustomers.size(), trainRate, (double) holdoutPositives / yHoldout.length),
                auc, Metrics.aucStandardError(auc, holdoutPositives, yHoldout.length - holdoutPositives),
                Metrics.brier(p, yHoldout), Metrics.brier(baseline, yHoldout),
                Metrics.logLoss(p, yHoldout), Metrics.logLoss(baseline, yHoldout),
                Metrics.calibration(p, yHoldout, CALIBRATION_GROUPS), effects,
                new CxModelReport.Training(options.l2Penalty(), fit.iterations(), fit.converged(),
                        options.holdoutFraction(), options.seed(), options.topReasons(), options.minCount(),
                        fit.logLikelihood()),
                CxModelReport.NON_RESPONSE_CAVEAT);
        return new CxModel(version, CxModel.FORMAT_VERSION, options.trainedAt(), label, encoder, fit.intercept(),
                coefficientList, report);
    }

    /**
     * Whether {@code customerId} is held out: a uniform number from a 64-bit hash of the id and the seed, below the
     * fraction. Independent of row order and of the other customers.
     */
    static boolean inHoldout(String customerId, long seed, double fraction) {
        long h = 0xcbf29ce484222325L ^ seed; // FNV-1a over the UTF-16 units, seeded
        for (int i = 0; i < customerId.length(); i++) {
            h ^= customerId.charAt(i);
            h *= 0x100000001b3L;
        }
        h = mix64(h + seed * 0x9e3779b97f4a7c15L);
        double u = (h >>> 11) * 0x1.0p-53;
        return u < fraction;
    }

    /** The SplitMix64 finaliser: spreads every input bit over the output. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static boolean[] toArray(List<Boolean> values) {
        boolean[] a = new boolean[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    private static long count(boolean[] values) {
        long c = 0;
        for (boolean v : values) {
            c += v ? 1 : 0;
        }
        return c;
    }
}
