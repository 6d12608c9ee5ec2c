package org.layerwise.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;

class GaussLegendreTest {

    @Test
    void integratesMonomialsOfDegreeBelow2qExactly() {
        for (int q = 1; q <= 20; q++) {
            GaussLegendre gl = GaussLegendre.of(q);
            for (int k = 0; k < 2 * q; k++) {
                double s = 0;
                for (int a = 0; a < q; a++) {
                    s += gl.weight(a) * Math.pow(gl.node(a), k);
                }
                assertEquals(1.0 / (k + 1), s, 1e-14, "q=" + q + " degree " + k);
            }
            // and not degree 2q: the rule has exactly that order
            double s = 0;
            for (int a = 0; a < q; a++) {
                s += gl.weight(a) * Math.pow(gl.node(a) - 0.5, 2 * q);
            }
            assertTrue(Math.abs(s - Math.pow(0.5, 2 * q) / (2 * q + 1)) > 1e-15 * Math.pow(0.5, 2 * q), "q=" + q);
        }
    }

    @Test
    void nodesAreSymmetricIncreasingAndInside() {
        for (int q = 1; q <= GaussLegendre.MAX_POINTS; q++) {
            GaussLegendre gl = GaussLegendre.of(q);
            double sum = 0;
            for (int a = 0; a < q; a++) {
                assertTrue(gl.node(a) > 0 && gl.node(a) < 1);
                assertTrue(gl.weight(a) > 0);
                assertEquals(1 - gl.node(a), gl.node(q - 1 - a), 1e-15);
                if (a > 0) {
                    assertTrue(gl.node(a) > gl.node(a - 1));
                }
                sum += gl.weight(a);
            }
            assertEquals(1.0, sum, 1e-14);
        }
    }

    @Test
    void twoPointRuleIsTheTextbookOne() {
        GaussLegendre gl = GaussLegendre.of(2);
        assertEquals(0.5 - 0.5 / Math.sqrt(3), gl.node(0), 1e-16);
        assertEquals(0.5, gl.weight(0), 1e-15);
    }

    @Test
    void rejectsBadCounts() {
        assertThrows(InvalidInputException.class, () -> GaussLegendre.of(0));
        assertThrows(InvalidInputException.class, () -> GaussLegendre.of(GaussLegendre.MAX_POINTS + 1));
    }
}
