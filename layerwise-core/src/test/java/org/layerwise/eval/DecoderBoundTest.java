package org.layerwise.eval;

import org.layerwise.net.Network;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.layerwise.construct.NetworkBuilder;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.TestTables;

class DecoderBoundTest {

    private static CellMeans table(int levels, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return TestTables.drawn(1, 3, levels, () -> 4 * rng.nextDouble() - 2);
    }

    @Test
    void boundIsAtLeastTheFormula() {
        Network net = NetworkBuilder.build(table(3, 1), 64);
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal twoPi = new BigDecimal("6.283185307179586476925286766559005768394");
        BigDecimal per = twoPi.multiply(new BigDecimal(Math.scalb(1.0, 1 - 64)), mc).add(new BigDecimal(0x1p-48));
        BigDecimal sum = BigDecimal.ZERO;
        for (int l = 1; l <= 3; l++) {
            sum = sum.add(new BigDecimal(net.amplitude(l).doubleValue()).multiply(per, mc));
            double b = DecoderBound.bound(net, l);
            assertTrue(new BigDecimal(b).compareTo(sum) >= 0);
            assertTrue(b < sum.doubleValue() * (1 + 1e-12));
        }
    }

    @Test
    void holdsComparesExactly() {
        double mu = 0.1;
        double bound = 1e-10;
        double allowance = DecoderBound.allowance(mu, bound);
        assertTrue(DecoderBound.holds(mu + bound, mu, bound));
        assertTrue(DecoderBound.holds(mu, mu, 0));
        assertFalse(DecoderBound.holds(mu + 2 * allowance, mu, bound));
        assertFalse(DecoderBound.holds(Double.NaN, mu, bound));
    }

    @Test
    void boundIsNotVacuousWithFewBits() {
        // with b = 10 the phase rounding dominates: the observed error reaches a visible share of the bound
        CellMeans t = table(2, 2);
        Network net = NetworkBuilder.build(t, 10);
        ReferenceEvaluator ev = new ReferenceEvaluator(net);
        SplittableRandom rng = new SplittableRandom(3);
        double worst = 0;
        for (int k = 0; k < 300; k++) {
            double[] x = {rng.nextDouble()};
            double[] phi = ev.readouts(x);
            double bound = DecoderBound.bound(net, 2);
            assertTrue(DecoderBound.holds(phi[1], t.at(x, 2), bound));
            worst = Math.max(worst, Math.abs(phi[1] - t.at(x, 2)) / bound);
        }
        assertTrue(worst > 0.02 && worst <= 1, "worst ratio " + worst);
    }
}
