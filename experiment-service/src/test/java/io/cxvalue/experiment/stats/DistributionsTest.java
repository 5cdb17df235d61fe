package io.cxvalue.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Closed forms of the reference distributions, including far tails that 1 − cdf would round to 0. */
class DistributionsTest {

    @Test
    void studentTClosedForms() {
        // df 1 is Cauchy: P(|T| > 1) = 1/2, 97.5 % quantile tan(0.475 π) = 12.7062047
        assertEquals(0.5, Distributions.twoSidedP(1.0, 1), 1e-14);
        assertEquals(Math.tan(0.475 * Math.PI), Distributions.criticalValue(0.95, 1), 1e-7);
        // df 2: P(|T| > t) = 1 − t/√(t² + 2)
        assertEquals(1 - 2 / Math.sqrt(6), Distributions.twoSidedP(-2.0, 2), 1e-14);
        assertEquals(1.0, Distributions.twoSidedP(0.0, 7), 1e-15);
    }

    @Test
    void normalTailsStayAccurate() {
        // Φ(−12) = 1.7764821120776e-33
        assertEquals(2 * 1.7764821120776e-33, Distributions.twoSidedP(12, Double.POSITIVE_INFINITY), 1e-44);
        assertEquals(1.959963984540054, Distributions.criticalValue(0.95, Double.POSITIVE_INFINITY), 1e-12);
        assertEquals(0.05, Distributions.twoSidedP(1.959963984540054, Double.POSITIVE_INFINITY), 1e-14);
    }

    @Test
    void largeDegreesOfFreedomSwitchSmoothlyToTheNormal() {
        double below = Distributions.NORMAL_BEYOND_DEGREES_OF_FREEDOM * 0.99;
        double above = Distributions.NORMAL_BEYOND_DEGREES_OF_FREEDOM * 1.01;
        assertEquals(Distributions.twoSidedP(1.96, below), Distributions.twoSidedP(1.96, above), 1e-7);
        assertEquals(Distributions.criticalValue(0.95, below), Distributions.criticalValue(0.95, above), 1e-6);
        // where Hipparchus' t would drift (1e12), the normal is used
        assertEquals(0.05, Distributions.twoSidedP(1.959963984540054, 1e12), 1e-12);
    }

    @Test
    void chiSquaredTail() {
        // 2 degrees of freedom: P(X > q) = exp(−q/2), also far out
        assertEquals(Math.exp(-3.0), Distributions.chiSquaredUpperTail(6.0, 2), 1e-15);
        assertEquals(Math.exp(-50.0), Distributions.chiSquaredUpperTail(100.0, 2), 1e-30);
        // 1 degree of freedom: P(X > q) = erfc(√(q/2)); q = 3.841459 is the 95 % point
        assertEquals(0.05, Distributions.chiSquaredUpperTail(3.841458820694124, 1), 1e-12);
        assertEquals(1.0, Distributions.chiSquaredUpperTail(0.0, 3));
        assertTrue(Double.isNaN(Distributions.chiSquaredUpperTail(Double.NaN, 3)));
    }

    @Test
    void rejectsLevelsOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> Distributions.criticalValue(1.0, 10));
        assertThrows(IllegalArgumentException.class, () -> Distributions.checkAlpha(0.0));
    }
}
