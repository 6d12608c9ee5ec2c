package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class BenchCommandTest {

    @Test
    void quickJsonHasEveryRatio() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "bench", "--quick", "--json");
        assertEquals(0, code, err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString());
        for (String key : List.of("fastVsLookup", "fastVsReference", "formulaVsLambda", "modelBitsVsTable")) {
            assertTrue(j.has(key), key + " missing in " + out);
            double v = j.get(key).asDouble();
            assertTrue(v > 0 && Double.isFinite(v), key + " = " + v);
        }
        // measured at L = 8: the file holds every phase bit (>= 1) and at most 1.15x them (issue 14's goal)
        double size = j.get("modelBitsVsTable").asDouble();
        assertTrue(size >= 1 && size <= 1.15, "modelBitsVsTable = " + size + " in " + out);
        // construction is measured up to level 4, so at least that many levels fit in 60 s
        assertTrue(j.get("maxLevelsIn60s").asInt() >= 4, out.toString());
    }

    @Test
    void extrapolationMultipliesByTheLastFactor() {
        TreeMap<Integer, Double> ms = new TreeMap<>();
        ms.put(2, 1.0);
        ms.put(3, 4.0);
        ms.put(4, 16.0);
        // 16 * 4^5 = 16384 <= 60000 < 16 * 4^6 = 65536: level 4 + 5
        assertEquals(9, BenchCommand.maxLevels(ms, 60_000));
        // a factor above 4 is used as measured: 80 * 8 = 640 <= 1000 < 5120
        TreeMap<Integer, Double> steep = new TreeMap<>();
        steep.put(1, 10.0);
        steep.put(2, 80.0);
        assertEquals(3, BenchCommand.maxLevels(steep, 1000));
        // a factor below 4 (fixed costs) is raised to 4: 100 * 4 = 400 <= 1000 < 1600
        TreeMap<Integer, Double> flat = new TreeMap<>();
        flat.put(1, 90.0);
        flat.put(2, 100.0);
        assertEquals(3, BenchCommand.maxLevels(flat, 1000));
        // a measured level already over budget is not extrapolated past
        TreeMap<Integer, Double> slow = new TreeMap<>();
        slow.put(2, 10.0);
        slow.put(3, 100.0);
        assertEquals(2, BenchCommand.maxLevels(slow, 50));
    }

    @Test
    void speedRatioSeesTenTimesTheWork() {
        double r = BenchCommand.speedRatio(1, 5, () -> spin(20_000), () -> spin(200_000));
        assertTrue(r > 1, "ten times the work should be slower: " + r);
    }

    private static volatile double sink;

    private static void spin(int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.sqrt(i);
        }
        sink = s;
    }

    @Test
    void medianOfOddAndEvenCounts() {
        int[] calls = {0};
        double m = BenchCommand.median(2, 3, () -> calls[0]++);
        assertEquals(5, calls[0]);
        assertTrue(m >= 0);
    }
}
