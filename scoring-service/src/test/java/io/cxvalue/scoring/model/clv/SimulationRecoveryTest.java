package io.cxvalue.scoring.model.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Fits data simulated from the models themselves and recovers the parameters.
 *
 * <p>Tolerance: each estimate must lie within 4 asymptotic standard errors of the truth, the standard errors coming
 * from the fit's observed information (for a correct maximum-likelihood estimator the estimate is approximately
 * normal around the truth with that spread, so 4 SE is exceeded with probability ~6e-5 per parameter; the seed is
 * fixed, so the test is deterministic anyway). To make sure the bound is tight rather than vacuous, the standard errors
 * themselves must be small at this sample size: below 10 % of the parameter for r, alpha, p, q, gamma and below 25 %
 * for the poorly identified drop-out parameters a and b.
 */
class SimulationRecoveryTest {

    private static final int CUSTOMERS = 20_000;
    private static final BgNbdModel BG_TRUTH = new BgNbdModel(0.25, 4.0, 0.8, 2.5);
    private static final GammaGammaModel GG_TRUTH = new GammaGammaModel(6.0, 4.0, 15.0);

    private static void assertRecovered(String name, double truth, double estimate, double se, double maxRelativeSe) {
        assertTrue(se > 0 && se < maxRelativeSe * truth, name + ": standard error " + se + " too large");
        assertEquals(truth, estimate, 4 * se, name + " = " + estimate + " (se " + se + "), truth " + truth);
    }

    @Test
    void recoversBgNbdAndGammaGammaParameters() {
        Simulator.Population pop = Simulator.simulate(CUSTOMERS, BG_TRUTH, GG_TRUTH, 26, 78, true, 20240501L);
        BgNbdFitter.Fit bg = BgNbdFitter.fit(RfmData.compress(pop.x(), pop.tx(), pop.T()));
        GammaGammaFitter.Fit gg = GammaGammaFitter.fit(SpendData.compress(pop.x(), pop.zbar()));
        System.out.println("simulated truth " + BG_TRUTH + " " + GG_TRUTH);
        System.out.println("recovered " + bg);
        System.out.println("recovered " + gg);
        assertTrue(bg.result().converged());
        assertTrue(gg.result().converged());
        var se = bg.result().standardErrors();
        assertRecovered("r", BG_TRUTH.r(), bg.model().r(), se.get(0), 0.10);
        assertRecovered("alpha", BG_TRUTH.alpha(), bg.model().alpha(), se.get(1), 0.10);
        assertRecovered("a", BG_TRUTH.a(), bg.model().a(), se.get(2), 0.25);
        assertRecovered("b", BG_TRUTH.b(), bg.model().b(), se.get(3), 0.25);
        var sg = gg.result().standardErrors();
        assertRecovered("p", GG_TRUTH.p(), gg.model().p(), sg.get(0), 0.10);
        assertRecovered("q", GG_TRUTH.q(), gg.model().q(), sg.get(1), 0.10);
        assertRecovered("gamma", GG_TRUTH.gamma(), gg.model().gamma(), sg.get(2), 0.10);
    }
}
