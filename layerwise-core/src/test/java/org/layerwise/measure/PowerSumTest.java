package org.layerwise.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;

class PowerSumTest {

    /** Against BigDecimal: sum_k (k/n * 1e-3)^p, p integer, for p where plain doubles underflow. */
    @Test
    void agreesWithExactArithmeticForLargeP() {
        int n = 50;
        for (int p : new int[] {1, 2, 7, 1000, 5000}) {
            PowerSum s = new PowerSum(p);
            BigDecimal exact = BigDecimal.ZERO;
            MathContext mc = new MathContext(60);
            // increasing then decreasing order exercises the rescaling
            for (int i = 0; i < n; i++) {
                int k = i % 2 == 0 ? i + 1 : n - i;
                double v = k * 1e-3 / n;
                s.add(1, v);
                exact = exact.add(new BigDecimal(v).pow(p, mc), mc);
            }
            // norm = (exact / n)^(1/p) via logs of the BigDecimal (unscaled value and scale)
            BigDecimal mean = exact.divide(BigDecimal.valueOf(n), mc);
            double log = Math.log(mean.unscaledValue().doubleValue()) - mean.scale() * Math.log(10);
            if (Double.isInfinite(log) || Double.isNaN(log)) {
                // unscaled value too long for a double: shift it
                BigDecimal r = mean.round(new MathContext(17));
                log = Math.log(r.unscaledValue().doubleValue()) - r.scale() * Math.log(10);
            }
            double expected = Math.exp(log / p);
            assertEquals(expected, s.norm(n), 1e-12 * expected, "p=" + p);
        }
    }

    @Test
    void mergingEqualsAddingInOrder() {
        PowerSum a = new PowerSum(1000);
        PowerSum b = new PowerSum(1000);
        PowerSum all = new PowerSum(1000);
        for (int k = 1; k <= 20; k++) {
            double v = 1e-5 * (1 + Math.sin(k));
            (k <= 10 ? a : b).add(0.5, v);
            all.add(0.5, v);
        }
        a.add(b);
        assertEquals(all.norm(10), a.norm(10), 1e-14 * all.norm(10));
        assertEquals(all.max(), a.max());
        assertEquals(0, new PowerSum(3).norm(1));
        assertThrows(InvalidInputException.class, () -> new PowerSum(Double.POSITIVE_INFINITY));
        assertThrows(InvalidInputException.class, () -> new PowerSum(0.5));
    }
}
