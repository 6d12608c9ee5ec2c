package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.json;
import static org.layerwise.cli.Cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.cli.Cli.Run;
import org.layerwise.function.BuiltinCatalog;
import org.layerwise.function.BuiltinTarget;

import com.fasterxml.jackson.databind.JsonNode;

class MeasureCommandTest {

    @Test
    void tableHasAHeaderAndOneRowPerLevel() {
        Run r = run("measure", "--target", "x1", "--dim", "1", "--levels", "5");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        // header, three method lines (mean error, omega, certified), column titles, levels 0..5, legend
        assertEquals(5 + 6 + 1, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("target x1, d = 1, N = 2, p = 2"), lines.get(0));
        assertTrue(lines.get(1).contains("midpoint of the certified enclosure"), lines.get(1)); // x1 is enclosed tightly
        assertTrue(lines.get(2).contains("Sobol QMC"), lines.get(2));
        assertTrue(lines.get(3).startsWith("certified:"), lines.get(3));
        assertTrue(lines.get(4).trim().startsWith("level") && lines.get(4).trim().endsWith("proven"), lines.get(4));
        assertTrue(lines.get(11).contains("rigorous enclosure"), lines.get(11));
        for (int l = 0; l <= 5; l++) {
            String[] cols = lines.get(5 + l).trim().split(" +");
            assertEquals(Integer.toString(l), cols[0]);
            assertEquals(Long.toString(1L << l), cols[1]);
            // known answer for f = x: (h/2) / sqrt(3), inside the printed enclosure [lo, hi]
            double h = Math.pow(2, -l);
            double lo = Double.parseDouble(cols[2].substring(1, cols[2].length() - 1));
            double hi = Double.parseDouble(cols[3].substring(0, cols[3].length() - 1));
            double exact = h / 2 / Math.sqrt(3);
            assertTrue(lo <= exact * (1 + 1e-4) && exact <= hi * (1 + 1e-4), l + ": " + exact + " in " + lines.get(5 + l));
            assertEquals("yes", cols[cols.length - 1]);
        }
    }

    @Test
    void jsonHasTheDocumentedKeys() throws Exception {
        JsonNode root = json("measure", "--target", "sin(3*x)*y", "--levels", "3", "--base", "3", "--p", "1.5", "--json");
        assertEquals(2, root.get("dim").asInt());
        assertEquals(3, root.get("base").asInt());
        assertEquals(3, root.get("levels").asInt());
        assertEquals(1.5, root.get("p").asDouble());
        assertTrue(root.get("p").isNumber());
        JsonNode rows = root.get("rows");
        assertEquals(4, rows.size());
        for (int l = 0; l < 4; l++) {
            JsonNode row = rows.get(l);
            assertEquals(l, row.get("level").asInt());
            assertEquals((long) Math.pow(9, l), row.get("cells").asLong());
            for (String key : new String[] {"meanError", "omega", "bound", "constant"}) {
                assertTrue(row.get(key).isNumber(), key + " in " + row);
            }
            assertEquals(5 * row.get("omega").asDouble(), row.get("bound").asDouble(), 1e-15);
            assertFalse(row.has("networkError"));
            assertEquals("certified", row.get("status").asText());
            for (String key : new String[] {"meanErrorLo", "meanErrorHi", "omegaLo", "omegaEstimate", "constantHi"}) {
                assertTrue(row.get(key).isNumber(), key + " in " + row);
            }
            assertTrue(row.get("meanErrorLo").asDouble() <= row.get("meanErrorHi").asDouble());
            assertTrue(row.get("omegaLo").asDouble() <= row.get("omegaEstimate").asDouble());
            assertEquals(row.get("constantHi").asDouble() <= 5, row.get("proven").asBoolean());
        }
        JsonNode inf = json("measure", "--target", "x1", "--dim", "1", "--levels", "2", "--p", "inf", "--json");
        assertEquals("inf", inf.get("p").asText());
        assertTrue(inf.get("p").isTextual());
        assertEquals(0.125, inf.get("rows").get(2).get("meanError").asDouble(), 1e-15); // h/2 at level 2
    }

    @Test
    void constantIsAtMost2dPlus1OnFormulaTargets() throws Exception {
        for (String f : new String[] {"step(x-0.3)"}) { // smooth targets: LevelMeasuresTest
            for (String p : new String[] {"1", "2", "inf"}) {
                JsonNode root = json("measure", "--target", f, "--dim", "2", "--levels", "4", "--p", p,
                        "--omega-points", "2048", "--json");
                for (JsonNode row : root.get("rows")) {
                    double c = row.get("constant").asDouble();
                    assertTrue(c <= 5, f + " p=" + p + " level " + row.get("level") + ": constant " + c);
                    assertTrue(row.get("omega").asDouble() > 0);
                }
            }
        }
    }

    /**
     * What the CLI adds for a built-in: the options reach the library and the JSON rows carry "proven" (that every
     * built-in is proven at levels 0..6 is LevelMeasuresTest#everyBuiltinIsProvenAtLevels0To6, at the library level).
     */
    @Test
    void builtinRowsAreProvenThroughTheCli() throws Exception {
        for (String name : new String[] {"step1d", "cusp2d"}) {
            BuiltinTarget t = BuiltinCatalog.get(name);
            JsonNode root = json("measure", "--builtin", name, "--levels", "3", "--omega-points", "256",
                    "--min-cells", "64", "--json");
            assertEquals(t.dim(), root.get("dim").asInt());
            assertEquals(4, root.get("rows").size());
            for (JsonNode row : root.get("rows")) {
                assertTrue(row.get("proven").asBoolean(), name + " level " + row.get("level") + ": " + row);
                assertTrue(row.get("constantHi").asDouble() <= 2 * t.dim() + 1, name + ": " + row);
            }
        }
    }

    @Test
    void gridTargetIsMeasuredExactly(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("g.csv");
        Files.writeString(csv, "0,1\n1,0\n");
        Run r = run("measure", "--grid", csv.toString(), "--levels", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("exact (area)"), r.out());
    }

    @Test
    void sameSeedSameOutput() {
        Run a = run("measure", "--target", "abs(x-0.37)*y", "--levels", "3", "--seed", "5", "--json");
        Run b = run("measure", "--target", "abs(x-0.37)*y", "--levels", "3", "--seed", "5", "--json");
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out(), b.out());
    }

    @Test
    void badInputExitsWith2AndOneLine() {
        String[][] bad = {
            {"measure", "--target", "x1", "--levels", "2", "--base", "1"},
            {"measure", "--target", "x1", "--levels", "-1"},
            {"measure", "--target", "x1", "--levels", "2", "--p", "0.5"},
            {"measure", "--target", "x1", "--levels", "2", "--p", "two"},
            {"measure", "--target", "x1", "--levels", "2", "--quadrature", "0"},
            {"measure", "--target", "x1", "--levels", "2", "--memory", "16"},
            {"measure", "--target", "x1", "--levels", "2", "--memory", "0"},
            {"measure", "--target", "x1"},
            {"measure", "--levels", "2"},
            {"measure", "--builtin", "nosuch", "--levels", "2"},
            {"measure", "--target", "log(x-1)", "--levels", "2"},
        };
        for (String[] args : bad) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.out() + r.err());
            assertTrue(r.out().isEmpty(), r.out());
            String first = r.err().lines().findFirst().orElse("");
            assertTrue(first.startsWith("layerwise measure: "), r.err());
            assertFalse(first.contains("internal error"), r.err());
        }
        Run memory = run("measure", "--target", "x1", "--levels", "2", "--memory", "16");
        assertTrue(memory.err().contains("levels 0..2 need 7 cells = 56 bytes, over the limit of 16 bytes"), memory.err());
        Run nan = run("measure", "--target", "log(x-0.5)", "--dim", "1", "--levels", "2");
        assertEquals(2, nan.code());
        // certified means: log(x - 0.5) is undefined on a region of positive measure, named as such
        assertTrue(nan.err().contains("is undefined on all of [0.0, 0.25]"), nan.err());
    }
}
