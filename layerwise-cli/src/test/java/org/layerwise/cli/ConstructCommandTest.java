package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.json;
import static org.layerwise.cli.Cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.cli.Cli.Run;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.eval.DecoderBound;
import org.layerwise.format.ModelFile;
import org.layerwise.net.Network;
import org.layerwise.net.NetworkCounts;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code construct} and {@code eval}: table and JSON against the network formulas, tolerance, exact readouts. */
class ConstructCommandTest {

    /**
     * Cell means as construct computes them: nested (each level on its own, certified for formula and built-in
     * targets); {@code r} is ignored (it was the quadrature level of the former scheme, which only old models use).
     */
    static CellMeans means(Target f, int base, int levels, int r) {
        return CellMeansBuilder.of(new Cells(f.dim(), base)).build(f, levels);
    }

    @Test
    void referenceAndFastEvaluatorsGiveIdenticalNetworkErrors() throws Exception {
        String[] args = {"construct", "--builtin", "cone2d", "--base", "3", "--levels", "2", "--points", "256", "--json",
                "--quiet"};
        JsonNode fast = json(args);
        String[] ref = java.util.Arrays.copyOf(args, args.length + 1);
        ref[args.length] = "--reference";
        JsonNode reference = json(ref);
        for (int l = 1; l <= 2; l++) {
            double a = fast.get("rows").get(l).get("networkError").asDouble();
            double b = reference.get("rows").get(l).get("networkError").asDouble();
            assertEquals(Double.doubleToLongBits(b), Double.doubleToLongBits(a), "level " + l + ": " + a + " vs " + b);
        }
        assertTrue(reference.get("evaluator").asText().startsWith("reference evaluator"), reference.toString());
        assertTrue(fast.get("evaluator").asText().startsWith("fast exact evaluator"), fast.toString());
    }

    @Test
    void jsonFollowsTheCountFormulasAndTheBound() throws Exception {
        String[][] cases = {{"--builtin", "smooth1d", "4"}, {"--builtin", "sqrt1d", "3"}, {"--builtin", "cone2d", "3"},
                {"--target", "x1*x2 + 0.3*x2", "2"}};
        for (String[] c : cases) {
            int levels = Integer.parseInt(c[2]);
            JsonNode j = json("construct", c[0], c[1], "--levels", c[2], "--points", "256", "--json", "--quiet");
            int d = j.get("dim").asInt();
            int n = j.get("base").asInt();
            assertEquals(levels, j.get("levels").asInt());
            NetworkCounts f = NetworkCounts.formula(d, n, levels, 64);
            assertEquals(2 * d * n + d + 2, j.get("paperWidth").asInt());
            assertEquals(f.width(), j.get("width").asInt());
            assertTrue(j.get("width").asInt() <= j.get("paperWidth").asInt());
            assertEquals(f.depth(), j.get("depth").asInt());
            assertEquals(f.reluNeurons(), j.get("reluNeurons").asLong());
            assertEquals(f.sineNeurons(), j.get("sineNeurons").asLong());
            assertEquals(f.parameters(), j.get("parameters").asLong());
            JsonNode rows = j.get("rows");
            assertEquals(levels + 1, rows.size());
            assertTrue(rows.get(0).get("networkError").isNull(), "level 0 has no head");
            for (int l = 1; l <= levels; l++) {
                JsonNode row = rows.get(l);
                assertEquals(l, row.get("level").asInt());
                assertEquals(Math.round(Math.pow(n, d * l)), row.get("cells").asLong());
                assertEquals(2 * d * l, row.get("headLayer").asInt());
                assertEquals(2 * d * l + 1, row.get("depth").asInt());
                NetworkCounts.LevelBits lb = f.levelBits().get(l - 1);
                long bits = row.get("bits").asLong();
                assertTrue(bits >= lb.addressBits() && bits <= lb.addressBits() + lb.phaseBits(), c[1] + " level " + l);
                double err = row.get("networkError").asDouble();
                double omega = row.get("omega").asDouble();
                assertEquals(err / omega, row.get("constant").asDouble(), 1e-12 * err / omega);
                assertEquals((2 * d + 1) * omega, row.get("bound").asDouble(), 1e-12 * omega);
                assertTrue(row.get("constant").asDouble() <= 2 * d + 1, c[1] + " level " + l + ": " + row);
                assertTrue(err <= row.get("bound").asDouble(), c[1] + " level " + l);
                // the network realizes A_l f up to the decoder bound: errors agree up to QMC noise
                double mean = row.get("meanError").asDouble();
                double se = row.get("networkErrorSe").asDouble();
                assertTrue(Math.abs(err - mean) <= 6 * se + 1e-3 * mean + 1e-12,
                        c[1] + " level " + l + ": network " + err + " vs mean " + mean + " (se " + se + ")");
            }
        }
    }

    @Test
    void tableHasNetworkColumnsAndALevelZeroWithoutHead() {
        Run r = run("construct", "--builtin", "smooth1d", "--levels", "2", "--points", "128", "--quiet");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        int head = 0;
        while (!lines[head].trim().startsWith("level")) {
            head++;
        }
        assertTrue(lines[head].contains("||f-Phi_l||_p") && lines[head].contains("head layer"), lines[head]);
        String[] row0 = lines[head + 1].trim().split(" +");
        assertEquals("0", row0[0]);
        assertEquals("-", row0[2]);
        assertEquals("-", row0[5]);
        String[] row2 = lines[head + 3].trim().split(" +");
        assertEquals("2", row2[0]);
        assertEquals("4", row2[2]); // head of level 2 reads layer 2dl = 4
        assertTrue(r.out().contains("network error (levels 1..2, one network pass per point): Sobol QMC, 128 points"),
                r.out());
        assertTrue(r.out().contains("paper width 2dN+d+2 = 7"), r.out());
    }

    @Test
    void toleranceStopsAtTheFirstLevelMeetingIt() throws Exception {
        JsonNode all = json("construct", "--builtin", "smooth1d", "--levels", "4", "--points", "256", "--json", "--quiet");
        // a proven stop: the upper end of the network error enclosure
        double e2 = all.get("rows").get(2).get("networkErrorHi").asDouble();
        double e3 = all.get("rows").get(3).get("networkErrorHi").asDouble();
        assertTrue(e3 < all.get("rows").get(2).get("networkErrorLo").asDouble());
        double eps = Math.sqrt(e2 * e3);
        JsonNode stop = json("construct", "--builtin", "smooth1d", "--levels", "4", "--points", "256", "--json",
                "--quiet", "--tol", Double.toString(eps));
        assertEquals(3, stop.get("levels").asInt());
        assertEquals(3, stop.get("metLevel").asInt());
        assertEquals(4, stop.get("rows").size());
        // the same points: the same errors as the full construction
        assertEquals(e3, stop.get("rows").get(3).get("networkErrorHi").asDouble());
        double tiny = all.get("rows").get(4).get("networkErrorLo").asDouble() / 2;
        JsonNode none = json("construct", "--builtin", "smooth1d", "--levels", "4", "--points", "256", "--json",
                "--quiet", "--tol", Double.toString(tiny));
        assertEquals(4, none.get("levels").asInt());
        assertTrue(none.get("metLevel").isNull());
        // sharp: eps = networkErrorHi of level 3 stops there, the next double below it does not
        JsonNode exact = json("construct", "--builtin", "smooth1d", "--levels", "4", "--points", "256", "--json",
                "--quiet", "--tol", Double.toString(e3));
        assertEquals(3, exact.get("metLevel").asInt());
        JsonNode below = json("construct", "--builtin", "smooth1d", "--levels", "4", "--points", "256", "--json",
                "--quiet", "--tol", Double.toString(Math.nextDown(e3)));
        assertEquals(4, below.get("levels").asInt());
        assertEquals(below.get("rows").get(4).get("networkErrorHi").asDouble() <= Math.nextDown(e3),
                below.get("metLevel").asInt(-1) == 4);
        Run text = run("construct", "--builtin", "smooth1d", "--levels", "4", "--points", "256", "--quiet", "--tol",
                Double.toString(eps));
        assertTrue(text.out().contains("met first at level 3"), text.out());
    }

    @Test
    void evalReadsTheCellMeansWithinTheDecoderBound(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.json");
        Run c = run("construct", "--builtin", "cone2d", "--levels", "3", "--points", "64", "--out", model.toString(),
                "--quiet");
        assertEquals(0, c.code(), c.err());
        Network net = ModelFile.load(model).network();
        Target f = Targets.builtin("cone2d");
        CellMeans table = means(f, 2, 3, 3);
        SplittableRandom random = new SplittableRandom(7);
        double[][] xs = new double[12][];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = k < 8 ? new double[] {random.nextDouble(), random.nextDouble()}
                    : new double[][] {{0, 0}, {1, 1}, {0.5, 0.25}, {0.125, 1}}[k - 8];
        }
        String[] args = new String[4 + 2 * xs.length];
        args[0] = "eval";
        args[1] = "--model";
        args[2] = model.toString();
        args[3] = "--json";
        for (int k = 0; k < xs.length; k++) {
            args[4 + 2 * k] = "--x";
            args[5 + 2 * k] = xs[k][0] + "," + xs[k][1];
        }
        JsonNode pts = json(args).get("points");
        assertEquals(xs.length, pts.size());
        for (int k = 0; k < xs.length; k++) {
            JsonNode p = pts.get(k);
            assertArrayEquals(xs[k], new double[] {p.get("x").get(0).asDouble(), p.get("x").get(1).asDouble()});
            assertEquals(3, p.get("phi").size());
            for (int l = 1; l <= 3; l++) {
                double phi = p.get("phi").get(l - 1).asDouble();
                double mu = table.at(xs[k], l);
                assertTrue(DecoderBound.holds(phi, mu, DecoderBound.bound(net, l)),
                        "x = " + xs[k][0] + "," + xs[k][1] + " level " + l + ": " + phi + " vs " + mu);
            }
        }
        Run text = run("eval", "--model", model.toString(), "--x", "0.5,0.25", "--reference");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Phi_3 = "), text.out());
    }

    @Test
    void evalRefusesBadPoints(@TempDir Path dir) {
        Path model = dir.resolve("m.json");
        assertEquals(0, run("construct", "--builtin", "smooth1d", "--levels", "2", "--points", "32", "--out",
                model.toString(), "--quiet").code());
        for (String bad : new String[] {"1.5", "-0.25", "NaN", "0.2,0.3", "abc", "", "Infinity"}) {
            Run r = run("eval", "--model", model.toString(), "--x", "0.5", "--x", bad);
            assertEquals(2, r.code(), bad);
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("'" + bad + "'"), r.err());
            assertTrue(r.out().isEmpty(), "nothing printed for a bad point: " + r.out());
        }
        Run missing = run("eval", "--model", dir.resolve("none.json").toString(), "--x", "0.5");
        assertEquals(2, missing.code());
        Run unknown = run("construct", "--builtin", "nosuch", "--levels", "2");
        assertEquals(2, unknown.code());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
    }

    @Test
    void inspectReportsCountsTargetAndFloat64Check(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.json");
        assertEquals(0, run("construct", "--builtin", "cone2d", "--levels", "2", "--points", "32", "--out",
                model.toString(), "--quiet", "--quadrature", "3", "--seed", "5").code());
        Network net = ModelFile.load(model).network();
        NetworkCounts c = NetworkCounts.of(net);
        JsonNode j = json("inspect", "--model", model.toString(), "--json");
        assertEquals(2, j.get("dim").asInt());
        assertEquals(2, j.get("levels").asInt());
        assertEquals(c.width(), j.get("width").asInt());
        assertEquals(12, j.get("paperWidth").asInt());
        assertEquals(c.depth(), j.get("depth").asInt());
        assertEquals(c.parameters(), j.get("parameters").asLong());
        assertEquals(Files.size(model), j.get("fileBytes").asLong());
        assertEquals(ModelFile.VERSION, j.get("formatVersion").asInt());
        // b x cells of levels 1..2 = 64 (4 + 16)
        assertEquals(8.0 * Files.size(model) / (64 * 20), j.get("fileBitsVsTable").asDouble(), 1e-12);
        for (int l = 1; l <= 2; l++) {
            JsonNode lb = j.get("levelBits").get(l - 1);
            assertEquals(c.levelBits().get(l - 1).phaseBits(), lb.get("phaseBits").asLong());
            assertEquals(c.levelBits().get(l - 1).addressBits(), lb.get("addressBits").asLong());
        }
        JsonNode t = j.get("target");
        assertEquals("builtin", t.get("kind").asText());
        assertEquals("cone2d", t.get("spec").asText());
        assertEquals(3, t.get("quadrature").asInt());
        assertEquals("certified", t.get("means").asText());
        assertEquals(3, t.get("meanHalfWidths").size());
        assertEquals("certified", j.get("status").asText());
        assertEquals(5, t.get("seed").asInt());
        assertEquals(32, t.get("points").asInt());
        JsonNode f64 = j.get("float64");
        assertTrue(f64.get("points").asInt() >= InspectCommand.RANDOM_POINTS);
        // level 2 of d = 2, N = 2 has steepness 2^(64*16 + 56 + 2) > 2^1023: float64 fails there at the latest
        assertFalse(f64.get("agrees").asBoolean(), f64.toString());
        assertTrue(f64.get("firstFailingLevel").asInt() <= 2);
        Run text = run("inspect", "--model", model.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("paper width 2dN+d+2 = 12"), text.out());
        assertTrue(text.out().contains("float64 check"), text.out());
        assertTrue(text.out().contains("kind = builtin"), text.out());
        Path broken = dir.resolve("broken.json");
        // the binary container: the same bytes with the target's name changed in its JSON header
        String latin1 = new String(Files.readAllBytes(model), java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(broken, latin1.replace("\"cone2d\"", "\"ring2d\"").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Run bad = run("inspect", "--model", broken.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("checksum"), bad.err());
    }
    @Test
    void memoryLimitRefusesTheTableBeforeAnyEvaluation(@TempDir Path dir) {
        // levels 0..8 of d = 1, N = 2: 2^9 - 1 = 511 cells = 4088 bytes > 1000; the target is NaN everywhere, so
        // any evaluation would fail with a NaN message instead of the memory one
        String[] target = {"--target", "log(x - 2)", "--dim", "1", "--levels", "8", "--memory", "1000", "--quiet"};
        for (String command : new String[] {"construct", "compare"}) {
            String[] args = new String[target.length + 1];
            args[0] = command;
            System.arraycopy(target, 0, args, 1, target.length);
            Run r = run(args);
            assertEquals(2, r.code(), command + ": " + r.err());
            assertTrue(r.err().contains("need 511 cells = 4088 bytes, over the limit of 1000 bytes; lower --levels or"
                    + " raise --memory"), command + ": " + r.err());
            assertFalse(r.err().contains("NaN"), r.err());
            assertEquals("", r.out(), command);
        }
        // demo (ripple2d, d = 2) and a limit of one byte: even level 0 does not fit
        Run demo = run("demo", "--levels", "1", "--memory", "1", "--quiet", "--out", dir.resolve("demo").toString());
        assertEquals(2, demo.code(), demo.err());
        assertTrue(demo.err().contains("over the limit of 1 bytes; lower --levels or raise --memory"), demo.err());
        assertFalse(Files.exists(dir.resolve("demo")));
        Run zero = run("construct", "--builtin", "cone2d", "--levels", "1", "--memory", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("memory limit must be >= 1 byte, got 0"), zero.err());
    }

    /**
     * {@code --no-measure} writes the same model file, byte for byte, as a measured construction (d = 1, 2; a kink
     * and a Lipschitz cone), and its JSON rows carry the same cells, head layers, depths, bits and half-widths, with no
     * error column; {@code --tol} and {@code --report} are refused in one line before anything is written.
     */
    @Test
    void noMeasureWritesTheSameModelWithoutTheErrorColumns(@TempDir Path dir) throws Exception {
        String[][] cases = {{"--target", "abs(x1-1/3)", "--dim", "1", "--levels", "4"},
                {"--builtin", "cone2d", "--levels", "3"}};
        for (String[] c : cases) {
            Path measured = dir.resolve("measured.json");
            Path built = dir.resolve("built.json");
            JsonNode m = json(concat(c, "construct", "--points", "64", "--json", "--quiet", "--out", measured.toString()));
            JsonNode b = json(concat(c, "construct", "--no-measure", "--points", "64", "--json", "--quiet", "--out",
                    built.toString())); // the target block records the settings, --points among them
            assertArrayEquals(Files.readAllBytes(measured), Files.readAllBytes(built), String.join(" ", c));
            assertFalse(b.get("measured").asBoolean(true));
            for (String k : new String[] {"dim", "base", "levels", "bits", "layout", "width", "depth", "paperWidth",
                    "reluNeurons", "sineNeurons", "parameters", "status"}) {
                assertEquals(m.get(k), b.get(k), k);
            }
            assertEquals(m.get("rows").size(), b.get("rows").size());
            for (int l = 0; l < m.get("rows").size(); l++) {
                JsonNode mr = m.get("rows").get(l);
                JsonNode br = b.get("rows").get(l);
                for (String k : new String[] {"level", "cells", "headLayer", "depth", "bits", "meanHalfWidth", "certificate"}) {
                    assertEquals(mr.get(k), br.get(k), "level " + l + " " + k);
                }
                assertFalse(br.has("networkError") || br.has("meanError") || br.has("omega"), br.toString());
            }
        }
        for (String bad : new String[] {"--tol", "--report"}) {
            Path out = dir.resolve("refused.json");
            Run r = run("construct", "--builtin", "cone2d", "--levels", "2", "--no-measure", "--quiet", "--out",
                    out.toString(), bad, bad.equals("--tol") ? "0.1" : dir.resolve("rep").toString());
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--no-measure") && r.err().contains(bad), r.err());
            assertFalse(Files.exists(out));
        }
    }

    private static String[] concat(String[] options, String... first) {
        String[] all = java.util.Arrays.copyOf(first, first.length + options.length);
        System.arraycopy(options, 0, all, first.length, options.length);
        return all;
    }
}
