package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.train.GradeSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code compare}: report sections and rows, JSON, agreement with {@code construct}, determinism, bad input. */
class CompareCommandTest {

    @TempDir
    Path dir;

    /** A fast comparison on a 1-D formula: tiny grades, few epochs and points. */
    static String[] fast(String... more) {
        List<String> a = new ArrayList<>(List.of("compare", "--target", "sin(3*x) + x", "--grades",
                "6:tanh:8:1e-2:1e-3", "--points", "128", "--shifts", "2", "--train-points", "40", "--seed", "3",
                "--quiet"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void reportHasEverySectionAndOneRowPerLevel() throws Exception {
        Path out = dir.resolve("r");
        var r = run(fast("--levels", "3", "--report", out.toString()));
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out.resolve("report.html"));
        for (String id : List.of("reading", "setup", "levels", "plots", "network")) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), "missing section " + id);
        }
        int body = html.indexOf("<tbody>", html.indexOf("<table class=\"levels\">"));
        assertEquals(3, count(html.substring(body, html.indexOf("</tbody>", body)), "<tr>"));
        assertTrue(html.contains("the same points for all three methods and every level"));
        assertTrue(Files.exists(out.resolve("comparison.svg")) && Files.exists(out.resolve("readouts-compare.png")));
        // the text table: one row per level, the SGDL error only in row L
        List<String> rows = r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s.*")).toList();
        assertEquals(3, rows.size(), r.out());
        assertEquals("-", rows.get(0).trim().split("\\s+")[5]);
        assertTrue(rows.get(2).trim().split("\\s+")[5].matches("[0-9.]+e[-+]\\d+"), rows.get(2));
        assertTrue(r.out().contains("seconds: explicit "), r.out());
        assertTrue(r.out().contains("report: " + out.resolve("report.html")), r.out());
    }

    @Test
    void jsonHasTheKeysAndTheExplicitErrorsOfConstruct() throws Exception {
        var r = run(fast("--levels", "2", "--json"));
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(2, j.get("levels").asInt());
        assertEquals(2, j.get("rows").size());
        for (int l = 1; l <= 2; l++) {
            JsonNode row = j.get("rows").get(l - 1);
            assertEquals(l, row.get("level").asInt());
            for (String k : List.of("explicitError", "bound", "mgdlError")) {
                assertTrue(row.get(k).isNumber() && row.get(k).asDouble() >= 0, k + " in " + row);
            }
            assertTrue(row.get("explicitError").asDouble() <= row.get("bound").asDouble());
        }
        assertTrue(j.get("sgdlError").isNumber());
        for (String k : List.of("explicit", "mgdl", "sgdl")) {
            assertTrue(j.get("seconds").get(k).isNumber() && j.get("seconds").get(k).asDouble() >= 0, k);
        }
        assertTrue(j.get("sameMeasurement").asBoolean());
        assertEquals("Sobol QMC, 128 points x 2 random shifts, jittered", j.get("method").asText());
        // the explicit network's errors are exactly what construct reports with the same settings
        var c = run("construct", "--target", "sin(3*x) + x", "--levels", "2", "--points", "128", "--shifts", "2",
                "--seed", "3", "--json", "--quiet");
        assertEquals(0, c.code(), c.err());
        JsonNode cj = new ObjectMapper().readTree(c.out());
        for (int l = 1; l <= 2; l++) {
            assertEquals(cj.get("rows").get(l).get("networkError").asDouble(),
                    j.get("rows").get(l - 1).get("explicitError").asDouble(), 0.0, "level " + l);
            assertEquals(cj.get("rows").get(l).get("bound").asDouble(), j.get("rows").get(l - 1).get("bound").asDouble(),
                    0.0);
        }
    }

    @Test
    void twoRunsWriteIdenticalReports() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, run(fast("--levels", "2", "--report", a.toString())).code());
        assertEquals(0, run(fast("--levels", "2", "--report", b.toString())).code());
        List<String> names;
        try (Stream<Path> s = Files.list(a)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        try (Stream<Path> s = Files.list(b)) {
            assertEquals(names, s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(a.resolve(n)), Files.readAllBytes(b.resolve(n)), n);
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        String[][] cases = {
            {"compare", "--target", "x", "--levels", "0"},
            {"compare", "--target", "x", "--levels", "2", "--grades", "6:sigmoid:5:1e-2:1e-3"},
            {"compare", "--target", "x", "--levels", "3", "--grades", "6:tanh:5:1e-2:1e-3; 4:relu:5:1e-2:1e-3"},
            {"compare", "--target", "x", "--levels", "2", "--p", "0.5"},
            {"compare", "--target", "x", "--levels", "2", "--base", "1"},
            {"compare", "--target", "x", "--levels", "2", "--points", "0"},
            {"compare", "--target", "x", "--levels", "2", "--train-points", "1"},
            {"compare", "--target", "x"},
            {"compare", "--target", "sin(", "--levels", "2"},
        };
        for (String[] c : cases) {
            var r = run(c);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().startsWith("layerwise compare: "), r.err());
        }
        var mismatch = run(cases[2]);
        assertTrue(mismatch.err().contains("--grades has 2 grades but --levels is 3"), mismatch.err());
    }

    @Test
    void gradeSpecsRepeatOneGradeOrTakeOnePerLevel() {
        List<GradeSpec> d = CompareCommand.gradeSpecs("default", 3);
        assertEquals(3, d.size());
        assertEquals(CompareCommand.FIRST_GRADE.replace("1e-2", "0.01").replace("1e-4", "1.0E-4"),
                d.get(0).toSpecString());
        assertEquals(d.get(1), d.get(2));
        List<GradeSpec> one = CompareCommand.gradeSpecs("4:relu:3:1e-2:1e-3", 4);
        assertEquals(4, one.size());
        assertTrue(one.stream().allMatch(g -> g.equals(one.get(0))));
        assertEquals(2, CompareCommand.gradeSpecs("4:relu:3:1e-2:1e-3; 5:tanh:3:1e-2:1e-3", 2).size());
    }

    @Test
    void seedsInParallelPrintProgressLinesNamingEachSeed() {
        // without a terminal: one line per task, each seed's MGDL and SGDL named, in whatever order the threads run
        List<String> args = new ArrayList<>(List.of(fast("--levels", "1", "--seeds", "0-1", "--threads", "2")));
        args.remove("--quiet");
        var r = run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        for (String task : List.of("seed 0: MGDL...", "seed 1: MGDL...", "seed 0: SGDL...", "seed 1: SGDL...")) {
            assertEquals(1, lines.stream().filter(l -> l.equals("layerwise compare: " + task)).count(), r.err());
        }
        for (String l : lines) {
            assertTrue(l.startsWith("layerwise compare: ") && l.endsWith("..."), l);
        }
        var quiet = run(fast("--levels", "1", "--seeds", "0-1", "--threads", "2"));
        assertEquals("", quiet.err());
        assertEquals(r.out(), quiet.out(), "the output does not depend on the progress lines");
    }

    @Test
    void seedsGiveTheSpreadOfTheTrainedErrorsBesideOneExplicitNetwork() throws Exception {
        Path out = dir.resolve("spread");
        var r = run(fast("--levels", "2", "--seeds", "0-2", "--json", "--report", out.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(3, j.get("seeds").size());
        // the explicit errors are those of one network, as without --seeds (same --seed)
        JsonNode alone = new ObjectMapper().readTree(run(fast("--levels", "2", "--json")).out());
        for (int l = 0; l < 2; l++) {
            assertEquals(alone.get("rows").get(l).get("explicitError").asDouble(),
                    j.get("rows").get(l).get("explicitError").asDouble(), 0.0);
            double[] v = new double[3];
            for (int s = 0; s < 3; s++) {
                v[s] = j.get("seeds").get(s).get("mgdlErrors").get(l).asDouble();
            }
            java.util.Arrays.sort(v);
            assertEquals(v[1], j.get("rows").get(l).get("mgdlError").get("median").asDouble(), 0.0);
            assertEquals(v[0], j.get("rows").get(l).get("mgdlError").get("min").asDouble(), 0.0);
        }
        // seed 3 of --seeds is the single run with --seed 3 (the fast setup's seed): the same MGDL error
        JsonNode three = new ObjectMapper().readTree(run(fast("--levels", "2", "--seeds", "3", "--json")).out());
        assertEquals(alone.get("rows").get(1).get("mgdlError").asDouble(),
                three.get("seeds").get(0).get("mgdlErrors").get(1).asDouble(), 0.0);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<section id=\"spread\">") && Files.exists(out.resolve("spread.svg")));
        // beside the spread: the full comparison report of the seed with the median final MGDL error
        long median = j.get("comparisonReportSeed").asLong();
        double[] last = new double[3];
        for (int s = 0; s < 3; s++) {
            last[s] = j.get("seeds").get(s).get("mgdlErrors").get(1).asDouble();
        }
        double[] sorted = last.clone();
        java.util.Arrays.sort(sorted);
        int at = java.util.stream.IntStream.range(0, 3).filter(s -> last[s] == sorted[1]).findFirst().getAsInt();
        assertEquals(j.get("seeds").get(at).get("seed").asLong(), median);
        Path full = out.resolve("seed-" + median).resolve("report.html");
        assertEquals(full.toString(), j.get("comparisonReport").asText());
        String fullHtml = Files.readString(full);
        assertTrue(fullHtml.contains("MGDL") && !fullHtml.contains("<section id=\"spread\">"), fullHtml);
    }
}
