package org.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The presets' data layouts, targets, schedules and published figures. */
class PresetsTest {

    @Test
    void xuExamplesUseTheAuthorsGridsScheduleAndPrecision() {
        Presets.Preset p = Presets.get("xu2023-ex3");
        Presets.PresetData d = p.data(4);
        assertEquals(5000, d.data().trainSize());
        assertEquals(1000, d.data().testSize());
        assertArrayEquals(NumpyRandom.linspace(-1, 1, 5000), column(d.data().xTrain()));
        assertArrayEquals(NumpyRandom.linspace(-1, 1, 1000), column(d.data().xTest()));
        assertEquals(Passes.E_PLUS_ONE, p.spec().passes());
        assertTrue(p.spec().float64());
        assertEquals(32, p.spec().batchSize());
        assertEquals("256,256:sin:20:0.1:1.0E-4; 128,128,64:relu:20:0.01:1.0E-4; 64,32,32:relu:40:0.01:1.0E-4",
                p.spec().gradesString());
        // validation: 1000 distinct training points, labels with N(0, 0.01^2) noise
        Set<Double> distinct = new HashSet<>();
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < d.xValidation().length; i++) {
            distinct.add(d.xValidation()[i][0]);
            double e = d.yValidation()[i] - p.target().value(d.xValidation()[i]);
            sum += e;
            sq += e * e;
        }
        assertEquals(1000, distinct.size());
        double sd = Math.sqrt(sq / 1000 - (sum / 1000) * (sum / 1000));
        assertTrue(sd > 0.009 && sd < 0.011, "noise sd " + sd);
        // f(0.3) = 1.3 g4 with g1 = 0.3, g2 = g3 = g4 = 1/2 - cos(2 pi/5) = (3 - sqrt 5)/4 (by hand)
        assertEquals(1.3 * (3 - Math.sqrt(5)) / 4, p.target().value(new double[] {0.3}), 1e-15);
        assertEquals(0.2923, Presets.get("xu2023-ex1").publishedTestRse().get(0), 0.0);
        assertEquals(Math.sin(100 * 0.25), Presets.get("xu2023-ex1").target().value(new double[] {0.25}), 0.0);
    }

    @Test
    void fangXuUsesTheAuthorsTestPoints() {
        Presets.Preset p = Presets.get("fangxu-decrease");
        Presets.PresetData d = p.data(0);
        assertEquals(6000, d.data().trainSize());
        assertEquals(5999 / 6000.0, d.data().xTrain()[5999][0], 0.0);
        assertArrayEquals(new double[] {0.417022004702574, 0.7203244934421581, 0.00011437481734488664},
                new double[] {d.data().xTest()[0][0], d.data().xTest()[1][0], d.data().xTest()[2][0]});
        assertEquals(2000, d.xValidation().length);
        assertEquals(4, p.spec().grades().size());
        assertEquals(1200, p.spec().totalPasses());
        assertEquals(List.of(0.9956, 0.9477, 0.851, 0.6843), p.publishedTestRse());
        assertEquals(0.9472, p.references().get(0).sgdlTestRse(), 0.0);
        // f(0) = sum alpha_i sin(phi_i); 'constant' amplitudes are all 1, 'increase' reverses 'decrease'
        double c = Presets.get("fangxu-constant").target().value(new double[] {0});
        double[] phi = new NumpyRandom(0).uniform(0, 2 * Math.PI, 20);
        double expect = 0;
        for (double v : phi) {
            expect += Math.sin(v);
        }
        assertEquals(expect, c, 1e-13);
        assertTrue(Presets.get("fangxu-increase").references().isEmpty());
    }

    private static double[] column(double[][] x) {
        double[] c = new double[x.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = x[i][0];
        }
        return c;
    }
}
