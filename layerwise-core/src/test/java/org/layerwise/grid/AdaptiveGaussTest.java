package org.layerwise.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;

/**
 * Java functions keep Gauss-Legendre, adaptively: a cell where the q- and (q-1)-point rules disagree beyond the
 * level's tolerance is split. Checked against exact means: a jump (the plain rule is off by 0.13 on the cell it
 * crosses), a kink; smooth functions keep the plain rule's values bit for bit; the table is an estimate.
 */
class AdaptiveGaussTest {

    @Test
    void aJumpIsResolvedWhereThePlainRuleIsOff() {
        Target step = Targets.of("step", 1, x -> x[0] >= 0.3 ? 1.0 : 0.0);
        Cells cells = new Cells(1, 3);
        CellMeansBuilder b = CellMeansBuilder.of(cells);
        double[] adaptive = b.adaptiveMeans(step, 2, null);
        double[] plain = b.withQuadratureLevel(2).build(step, 2).level(2);
        long[] c = new long[1];
        for (int k = 0; k < 9; k++) {
            cells.corner(k, 2, c);
            // cell [2/9, 3/9) holds the jump: exact mean (3/9 - 0.3) * 9 = 0.3
            double exact = c[0] < 2 ? 0 : (c[0] > 2 ? 1 : 0.3);
            assertEquals(exact, adaptive[k], 0.01, "cell " + c[0]);
            if (c[0] == 2) {
                assertTrue(Math.abs(plain[k] - 0.3) > 0.1, "plain " + plain[k]);
            }
        }
    }

    @Test
    void aKinkIsCloserToTheExactMeans() {
        // |x1 - x2| on the 16 x 16 cells of level 4, exact means in closed form on the diagonal cells: h/3
        Target kink = Targets.of("kink", 2, x -> Math.abs(x[0] - x[1]));
        Cells cells = new Cells(2, 2);
        CellMeansBuilder b = CellMeansBuilder.of(cells);
        double[] adaptive = b.adaptiveMeans(kink, 4, null);
        double[] plain = b.withQuadratureLevel(4).build(kink, 4).level(4);
        long[] c = new long[2];
        double h = 1.0 / 16;
        double worstPlain = 0;
        double worstAdaptive = 0;
        for (int k = 0; k < adaptive.length; k++) {
            cells.corner(k, 4, c);
            if (c[0] == c[1]) {
                worstPlain = Math.max(worstPlain, Math.abs(plain[k] - h / 3));
                worstAdaptive = Math.max(worstAdaptive, Math.abs(adaptive[k] - h / 3));
            } else {
                double exact = Math.abs(c[0] - c[1]) * h; // |x1 - x2| is affine off the diagonal: the centre value
                assertEquals(exact, adaptive[k], 1e-15, "cell " + k);
            }
        }
        assertTrue(worstAdaptive < worstPlain / 8, "adaptive " + worstAdaptive + ", plain " + worstPlain);
    }

    @Test
    void smoothFunctionsKeepThePlainValuesAndTheTableIsAnEstimate() {
        Target smooth = Targets.of("wave", 2, x -> Math.sin(2 * Math.PI * x[0]) * Math.cos(2 * Math.PI * x[1]));
        CellMeansBuilder b = CellMeansBuilder.of(new Cells(2, 2));
        CellMeans t = b.build(smooth, 6);
        assertArrayEquals(b.withQuadratureLevel(6).build(smooth, 6).level(6), t.level(6));
        assertFalse(t.isCertified());
        assertEquals("estimate", t.status());
    }
}
