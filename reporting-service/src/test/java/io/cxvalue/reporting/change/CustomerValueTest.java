package io.cxvalue.reporting.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CustomerValueTest {

    private static final double Z = 1.959963984540054;

    /** A worked example: 5 points more FCR on 1,000 issues a month, 30,000 at stake over 200 customers a month. */
    @Test
    void productAndDeltaMethodIntervalOfAWorkedExample() {
        ImpactEstimate.Effect fcr = new ImpactEstimate.Effect(0.05, 0.05 - Z * 0.01, 0.05 + Z * 0.01,
                Double.POSITIVE_INFINITY, 2, 4);
        CustomerValue v = CustomerValue.of(fcr, 1000, 30_000, 30_000 - Z * 5_000, 30_000 + Z * 5_000, 200);
        assertEquals(50 * 150.0, v.estimate(), 1e-9);
        // se^2 = 150^2 (0.01 x 1000)^2 + 50^2 (5000 / 200)^2
        double se = Math.sqrt(150.0 * 150 * 10 * 10 + 50.0 * 50 * 25 * 25);
        assertEquals(7_500 - Z * se, v.low(), 1e-6);
        assertEquals(7_500 + Z * se, v.high(), 1e-6);
    }

    /** A t interval of the effect (few teams) is read back to its standard error with its own quantile. */
    @Test
    void theEffectsTIntervalIsReadWithItsDegreesOfFreedom() {
        double t4 = 2.7764451051977934;
        ImpactEstimate.Effect fcr = new ImpactEstimate.Effect(0.05, 0.05 - t4 * 0.01, 0.05 + t4 * 0.01, 4, 2, 4);
        CustomerValue v = CustomerValue.of(fcr, 1000, 30_000, 30_000, 30_000, 200);
        assertEquals(7_500 - Z * 150.0 * 10, v.low(), 1e-6);
    }

    /** Estimates drawn around known truths: the interval covers the true product about 95 % of the time. */
    @Test
    void intervalsCoverTheTrueValue() {
        SplittableRandom random = new SplittableRandom(3);
        int runs = 4000;
        int covered = 0;
        double truth = 0.04 * 800 * (24_000.0 / 160);
        for (int i = 0; i < runs; i++) {
            double effect = 0.04 + 0.008 * random.nextGaussian();
            double stake = 24_000 + 3_000 * random.nextGaussian();
            ImpactEstimate.Effect fcr = new ImpactEstimate.Effect(effect, effect - Z * 0.008, effect + Z * 0.008,
                    Double.POSITIVE_INFINITY, 2, 4);
            CustomerValue v = CustomerValue.of(fcr, 800, stake, stake - Z * 3_000, stake + Z * 3_000, 160);
            covered += v.low() <= truth && truth <= v.high() ? 1 : 0;
        }
        double coverage = (double) covered / runs;
        assertTrue(coverage > 0.93 && coverage < 0.97, "coverage " + coverage);
    }
}
