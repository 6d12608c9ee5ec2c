package org.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;

/** numpy's legacy RandomState(seed).uniform and linspace, bit for bit. */
class NumpyRandomTest {

    private static JsonNode fangXu() throws Exception {
        try (InputStream in = Presets.class.getResourceAsStream("fangxu-spectral.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void reproducesTheAuthorsTestPointsAndPhases() throws Exception {
        // the data file lists the first three test points, RandomState(1).uniform(0,1): bitwise equal
        assertArrayEquals(new double[] {0.417022004702574, 0.7203244934421581, 0.00011437481734488664},
                new NumpyRandom(1).uniform(0, 1, 3));
        // ... and the 20 phases phi = RandomState(0).uniform(0, 2 pi, 40)[:20], computed by the authors' numpy
        JsonNode phi = fangXu().get("phi");
        double[] ours = new NumpyRandom(0).uniform(0, 2 * Math.PI, 40);
        assertEquals(20, phi.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(phi.get(i).asDouble(), ours[i], 0.0, "phi " + i);
        }
    }

    @Test
    void agreesWithNumpyElsewhere() {
        // Values produced independently by numpy 2.4.6 (python3, numpy.random.RandomState, numpy.linspace) when this
        // test was written; not computed by this code.
        NumpyRandom r = new NumpyRandom(12345);
        assertArrayEquals(new double[] {0.9296160928171479, 0.3163755545817859, 0.18391881167709445},
                r.uniform(0, 1, 3));
        assertArrayEquals(new double[] {-0.18175888578784116, 1.2709001163267466}, r.uniform(-1, 3, 2));
        assertArrayEquals(new double[] {0.0976320289940138, 0.9123828453026218},
                new NumpyRandom(4294967295L).uniform(0, 1, 2));
        assertEquals(0.9467282696079524, new NumpyRandom(1).uniform(0, 1, 2000)[1999], 0.0); // past one twist
        double[] grid = NumpyRandom.linspace(0, 1, 5000);
        assertArrayEquals(new double[] {0.00020004000800160032, 0.00040008001600320064, 0.000600120024004801},
                new double[] {grid[1], grid[2], grid[3]});
        assertEquals(1.0, grid[4999], 0.0);
        double[] sym = NumpyRandom.linspace(-1, 1, 1000);
        assertArrayEquals(new double[] {-1, -0.997997997997998, 0.0010010010010010895, 0.997997997997998, 1},
                new double[] {sym[0], sym[1], sym[500], sym[998], sym[999]});
    }

    @Test
    void refusesSeedsNumpyRefuses() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new NumpyRandom(-1));
        assertEquals("a numpy seed must be in [0, 2^32 - 1], got -1", e.getMessage());
        assertThrows(InvalidInputException.class, () -> new NumpyRandom(1L << 32));
    }
}
