package io.cxvalue.scoring.model.cx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trains on 20,000 respondents simulated from a known logistic model ({@link CxSimulator}) and checks that the model
 * finds the truth.
 *
 * <p>Tolerances:
 * <ul>
 *   <li>Effects: each within 4 standard errors of the truth. The model is correctly specified for the simulated data
 *       (same link, same transforms), so each estimate is approximately normal around the truth with the reported
 *       standard error, and 4 SE is exceeded with probability ~6e-5 per effect (the seed is fixed, so the test is
 *       deterministic anyway). The L2 penalty of 1 against ~16,000 training rows biases standardised coefficients by
 *       well under a tenth of an SE. So that the band is not vacuous, every SE must be below 0.25 and effects of
 *       size &ge; 0.3 must come out with the right sign.</li>
 *   <li>AUC: the holdout AUC of the model within 0.02 of the AUC of the true probabilities on the same rows (a
 *       correct model loses only estimation noise; the AUC's own sampling error, ~0.008 here, is shared since the
 *       rows are the same).</li>
 *   <li>Calibration: in every decile the observed satisfied rate within 4 binomial standard errors of the mean
 *       prediction (the SE is from p(1 - p) / n, ~0.015 per decile of 400 rows).</li>
 * </ul>
 */
class SimulationRecoveryTest {

    private static final Instant TRAINED_AT = Instant.parse("2025-03-01T00:00:00Z");
    private static CxSimulator.Sample sample;
    private static CxModel model;

    @BeforeAll
    static void train() {
        sample = CxSimulator.simulate(20_000, 14_000, 20250301L);
        model = CxModelTrainer.train(sample.rows(), CxModelTrainer.Options.defaults(TRAINED_AT));
        CxModelReport r = model.report();
        System.out.printf(Locale.ROOT, "CX simulation: version %s, respondents %s%n", r.modelVersion(),
                r.respondents());
        System.out.printf(Locale.ROOT, "  AUC %.4f (se %.4f), Brier %.4f (baseline %.4f), log loss %.4f (baseline "
                + "%.4f), %d iterations%n", r.auc(), r.aucStandardError(), r.brier(), r.brierBaseline(), r.logLoss(),
                r.logLossBaseline(), r.training().iterations());
        for (CalibrationBin b : r.calibration()) {
            System.out.printf(Locale.ROOT, "  decile %2d n=%d predicted %.3f observed %.3f z=%+.2f%n", b.group(),
                    b.count(), b.meanPredicted(), b.observedRate(), b.zScore());
        }
    }

    @Test
    void recoversTheTrueEffects() {
        Map<String, Double> medians = model.encoder().medians();
        List<String> checked = new ArrayList<>();
        for (FeatureEffect e : model.report().effects()) {
            double truth;
            if (e.feature().endsWith(" missing")) {
                // A missing value is imputed with the median m and flagged, so the flag's effect is the true
                // contribution of "missing" less slope * m.
                String field = e.feature().substring(0, e.feature().length() - " missing".length());
                String slopeName = field.equals("sentiment") ? field : "log1p(" + field + ")";
                truth = CxSimulator.MISSING.get(field) - CxSimulator.TRUTH.get(slopeName) * medians.get(field);
            } else {
                Double t = CxSimulator.TRUTH.get(e.feature());
                if (t == null && e.feature().matches("reason=r\\d\\d")) {
                    // reasons ranked 15+ share one effect; those that made the top 20 have their own column
                    int rank = Integer.parseInt(e.feature().substring("reason=r".length()));
                    t = rank >= 15 ? CxSimulator.TAIL_REASON_EFFECT : null;
                }
                assertTrue(t != null, "unexpected column " + e.feature());
                truth = t;
            }
            System.out.printf(Locale.ROOT, "  %-26s truth %+.3f estimate %+.3f se %.3f (%+.1f se)%n", e.feature(),
                    truth, e.coefficient(), e.standardError(), (e.coefficient() - truth) / e.standardError());
            assertTrue(e.standardError() < 0.25, e.feature() + ": standard error " + e.standardError());
            assertEquals(truth, e.coefficient(), 4 * e.standardError(), e.feature());
            if (Math.abs(truth) >= 0.3) {
                assertEquals(Math.signum(truth), Math.signum(e.coefficient()), e.feature() + " sign");
            }
            checked.add(e.feature());
        }
        // Every level and slope of the truth got its own column (the simulation gives each enough rows).
        for (String name : CxSimulator.TRUTH.keySet()) {
            assertTrue(checked.contains(name), "no column for " + name);
        }
        assertEquals("channel=VOICE", model.report().effects().get(0).reference());
    }

    @Test
    void holdoutAucIsCloseToTheTrueProbabilities() {
        List<Double> p = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (int i = 0; i < sample.rows().size(); i++) {
            LabelledInteraction row = sample.rows().get(i);
            if (CxModelTrainer.inHoldout(row.customerId(), 1L, 0.2)) {
                p.add(sample.trueProbability()[i]);
                y.add(SatisfactionLabel.DEFAULT.satisfied(row.csat()));
            }
        }
        assertEquals(model.report().respondents().holdout(), p.size());
        double[] pa = p.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] ya = new boolean[y.size()];
        for (int i = 0; i < ya.length; i++) {
            ya[i] = y.get(i);
        }
        double trueAuc = Metrics.auc(pa, ya);
        System.out.printf(Locale.ROOT, "  holdout AUC: model %.4f, true probabilities %.4f%n", model.report().auc(),
                trueAuc);
        assertEquals(trueAuc, model.report().auc(), 0.02);
        assertTrue(model.report().auc() > 0.7, "the simulated effects are strong enough to rank well");
    }

    @Test
    void isCalibratedAndBeatsTheBaseline() {
        CxModelReport r = model.report();
        assertEquals(10, r.calibration().size());
        for (CalibrationBin b : r.calibration()) {
            assertTrue(Math.abs(b.zScore()) < 4, "decile " + b);
        }
        assertTrue(r.brier() < r.brierBaseline());
        assertTrue(r.logLoss() < r.logLossBaseline());
        assertEquals(CxModelReport.NON_RESPONSE_CAVEAT, r.caveat());
        int holdout = r.respondents().holdout();
        assertEquals(20_000, r.respondents().total());
        assertEquals(20_000, r.respondents().train() + holdout);
        assertTrue(holdout > 3_600 && holdout < 4_400, "about 20 % held out: " + holdout);
    }

    @Test
    void scoresNewInteractionsWithTheTrainedEncoding() {
        // Model probabilities track the truth on fresh interactions.
        CxSimulator.Sample fresh = CxSimulator.simulate(2_000, 2_000, 7L);
        double sumAbs = 0;
        for (int i = 0; i < fresh.rows().size(); i++) {
            sumAbs += Math.abs(model.probabilitySatisfied(fresh.rows().get(i).features()) - fresh.trueProbability()[i]);
        }
        double meanAbs = sumAbs / fresh.rows().size();
        System.out.printf(Locale.ROOT, "  mean |predicted - true probability| on fresh rows: %.4f%n", meanAbs);
        assertTrue(meanAbs < 0.03, "mean absolute error " + meanAbs);
    }

    @Test
    void trainingIsDeterministic() {
        CxModel again = CxModelTrainer.train(sample.rows(), CxModelTrainer.Options.defaults(TRAINED_AT));
        assertEquals(model.version(), again.version());
        assertEquals(model.coefficients(), again.coefficients());
        CxModel otherSeed = CxModelTrainer.train(sample.rows(),
                CxModelTrainer.Options.defaults(TRAINED_AT).withSeed(2L));
        assertTrue(!model.version().equals(otherSeed.version()));
    }
}
