package io.cxvalue.scoring.model.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Large fits start from a subsample's estimate ({@link Subsampling}); the result must be the same maximum as a
 * Nelder-Mead fit on the full data from the default start.
 */
class WarmStartTest {

    @Test
    void warmStartedFitsReachTheFullDataMaximum() {
        Simulator.Population pop = Simulator.simulate(110_000, new BgNbdModel(0.25, 4.0, 0.8, 2.5),
                new GammaGammaModel(6.0, 4.0, 15.0), 26, 78, true, 7L);
        RfmData rfm = RfmData.compress(pop.x(), pop.tx(), pop.T());
        assertTrue(Subsampling.fraction(rfm.distinctRows(), rfm.customerCount()) > 0, "warm start applies");
        RfmData sample = rfm.subsample(Subsampling.fraction(rfm.distinctRows(), rfm.customerCount()), 1L);
        assertNotNull(sample);
        assertEquals(50_000, sample.customerCount(), 1_000);

        BgNbdFitter.Fit warm = BgNbdFitter.fit(rfm);
        MaximumLikelihood.Result cold = MaximumLikelihood.maximise(
                p -> BgNbdModel.logLikelihood(rfm, p[0], p[1], p[2], p[3]), null, new double[] {1, 10, 1.5, 3},
                rfm.customerCount(), rfm.distinctRows());
        System.out.println("warm-started: " + warm + "\nNelder-Mead on the full data: " + cold.fit());
        assertTrue(warm.result().converged());
        assertTrue(cold.fit().converged());
        assertEquals(cold.fit().logLikelihood(), warm.result().logLikelihood(), 1e-6);
        double[] w = {warm.model().r(), warm.model().alpha(), warm.model().a(), warm.model().b()};
        for (int i = 0; i < w.length; i++) {
            assertEquals(cold.parameters()[i], w[i], 1e-6 * w[i], "parameter " + i);
        }
    }
}
