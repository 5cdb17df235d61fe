package io.cxvalue.scoring.model.cx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Refusals, the split and the report's bookkeeping, on small simulated samples. */
class CxModelTrainerTest {

    private static final CxModelTrainer.Options OPTIONS =
            CxModelTrainer.Options.defaults(Instant.parse("2025-03-01T00:00:00Z"));

    private static List<LabelledInteraction> withCsat(List<LabelledInteraction> rows, int csat) {
        return rows.stream().map(r -> new LabelledInteraction(r.customerId(), r.features(), csat)).toList();
    }

    @Test
    void refusesTooFewRespondents() {
        List<LabelledInteraction> rows = CxSimulator.simulate(150, 150, 1L).rows();
        CxTrainingException e = assertThrows(CxTrainingException.class, () -> CxModelTrainer.train(rows, OPTIONS));
        assertEquals(CxTrainingException.Reason.TOO_FEW_RESPONDENTS, e.reason());
        assertTrue(e.getMessage().contains("need at least 200"), e.getMessage());
        assertEquals(CxTrainingException.Reason.TOO_FEW_RESPONDENTS,
                assertThrows(CxTrainingException.class, () -> CxModelTrainer.train(List.of(), OPTIONS)).reason());
    }

    @Test
    void refusesASingleClass() {
        List<LabelledInteraction> rows = CxSimulator.simulate(1000, 800, 2L).rows();
        CxTrainingException all = assertThrows(CxTrainingException.class,
                () -> CxModelTrainer.train(withCsat(rows, 5), OPTIONS));
        assertEquals(CxTrainingException.Reason.SINGLE_CLASS, all.reason());
        assertTrue(all.getMessage().contains("all 1000 respondents are satisfied"), all.getMessage());
        // 4 is satisfied under the default label but not under "CSAT >= 5"
        CxTrainingException none = assertThrows(CxTrainingException.class, () -> CxModelTrainer.train(
                withCsat(rows, 4), OPTIONS.withLabel(new SatisfactionLabel(5))));
        assertEquals(CxTrainingException.Reason.SINGLE_CLASS, none.reason());
        assertTrue(none.getMessage().contains("not satisfied"), none.getMessage());
    }

    @Test
    void refusesTooFewOfAClass() {
        List<LabelledInteraction> rows = new ArrayList<>(withCsat(CxSimulator.simulate(1000, 800, 3L).rows(), 5));
        for (int i = 0; i < 10; i++) {
            LabelledInteraction r = rows.get(i);
            rows.set(i, new LabelledInteraction(r.customerId(), r.features(), 1));
        }
        CxTrainingException e = assertThrows(CxTrainingException.class, () -> CxModelTrainer.train(rows, OPTIONS));
        assertEquals(CxTrainingException.Reason.TOO_FEW_IN_CLASS, e.reason());
    }

    @Test
    void refusesWhenNoCustomerIsHeldOut() {
        // One customer: all rows go to the same side, so either training or holdout is empty.
        List<LabelledInteraction> rows = CxSimulator.simulate(1000, 1, 4L).rows();
        CxTrainingException e = assertThrows(CxTrainingException.class, () -> CxModelTrainer.train(rows, OPTIONS));
        assertEquals(CxTrainingException.Reason.TOO_FEW_IN_CLASS, e.reason());
    }

    @Test
    void splitKeepsCustomersTogetherAndIgnoresRowOrder() {
        List<LabelledInteraction> rows = CxSimulator.simulate(3000, 1000, 5L).rows();
        CxModel model = CxModelTrainer.train(rows, OPTIONS);
        CxModelReport.Respondents r = model.report().respondents();
        Set<String> held = new HashSet<>();
        Set<String> trained = new HashSet<>();
        for (LabelledInteraction row : rows) {
            (CxModelTrainer.inHoldout(row.customerId(), OPTIONS.seed(), OPTIONS.holdoutFraction()) ? held : trained)
                    .add(row.customerId());
        }
        assertTrue(Collections.disjoint(held, trained));
        assertEquals(held.size(), r.holdoutCustomers());
        assertEquals(trained.size(), r.trainCustomers());
        assertEquals(3000, r.train() + r.holdout());

        List<LabelledInteraction> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(9));
        CxModel again = CxModelTrainer.train(shuffled, OPTIONS);
        assertEquals(r, again.report().respondents());
        assertEquals(model.report().auc(), again.report().auc(), 1e-12);
        for (int j = 0; j < model.coefficients().size(); j++) {
            assertEquals(model.coefficients().get(j), again.coefficients().get(j), 1e-9);
        }
    }

    @Test
    void holdoutShareIsNearTheFraction() {
        int held = 0;
        for (int i = 0; i < 100_000; i++) {
            held += CxModelTrainer.inHoldout("customer-" + i, 42L, 0.2) ? 1 : 0;
        }
        assertEquals(0.2, held / 100_000.0, 0.005); // binomial sd 0.0013
    }

    @Test
    void reportCarriesTheLabelVersionAndCaveat() {
        List<LabelledInteraction> rows = CxSimulator.simulate(3000, 2000, 6L).rows();
        CxModel model = CxModelTrainer.train(rows, OPTIONS.withLabel(new SatisfactionLabel(5)));
        CxModelReport report = model.report();
        assertEquals("satisfied = CSAT >= 5 on the 1..5 scale", report.outcome());
        assertEquals(model.version(), report.modelVersion());
        assertTrue(model.version().startsWith("cx-v1-2025-03-01-"), model.version());
        assertEquals(CxModelReport.NON_RESPONSE_CAVEAT, report.caveat());
        assertTrue(report.caveat().contains("cannot be checked"));
        assertEquals(model.encoder().featureNames(), report.effects().stream().map(FeatureEffect::feature).toList());
        assertTrue(report.training().converged());
        assertEquals(10, report.calibration().size());
        assertEquals(report.respondents().holdout(),
                report.calibration().stream().mapToInt(CalibrationBin::count).sum());
        // CSAT 5 is rarer than 4-or-5
        CxModel top2 = CxModelTrainer.train(rows, OPTIONS);
        assertTrue(report.respondents().trainSatisfiedRate() < top2.report().respondents().trainSatisfiedRate());
        assertFalse(model.version().equals(top2.version()));
        double p = model.probabilitySatisfied(rows.get(0).features());
        assertTrue(p > 0 && p < 1);
    }
}
