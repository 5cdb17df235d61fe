package io.cxvalue.scoring.model.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HypergeometricTest {

    @Test
    void closedForms() {
        for (double z : new double[] {0, 0.1, 0.5, 0.9, 0.99, 0.999}) {
            // 2F1(1, 1; 2; z) = -ln(1 - z) / z
            double expected = z == 0 ? 1 : -Math.log1p(-z) / z;
            assertEquals(expected, Hypergeometric.value(1, 1, 2, z), 1e-12 * expected, "z=" + z);
            // 2F1(a, b; b; z) = (1 - z)^-a
            assertEquals(-2.5 * Math.log1p(-z), Hypergeometric.log2F1(2.5, 0.7, 0.7, z), 1e-12, "z=" + z);
        }
    }

    @Test
    void largeParametersStayFiniteInLogSpace() {
        // 2F1(a, b; b; z) = (1 - z)^-a also for a = 2000, where the value (~1e602) overflows a double
        assertEquals(-2000 * Math.log1p(-0.5), Hypergeometric.log2F1(2000, 3, 3, 0.5), 1e-9 * 2000);
        assertThrows(ArithmeticException.class, () -> Hypergeometric.value(2000, 3, 3, 0.5));
    }

    @Test
    void negativeCIsSupportedInValue() {
        // 2F1(a, b; b; z) with b = c < 0 still equals (1 - z)^-a
        assertEquals(Math.pow(0.6, -0.3), Hypergeometric.value(0.3, -0.2, -0.2, 0.4), 1e-13);
    }

    @Test
    void rejectsArgumentsOutsideTheDisc() {
        assertThrows(IllegalArgumentException.class, () -> Hypergeometric.value(1, 1, 2, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Hypergeometric.value(1, 1, -2, 0.5));
    }
}
