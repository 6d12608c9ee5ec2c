package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.cli.Cli.Run;
import org.layerwise.grid.CellMeans;
import org.layerwise.eval.DecoderBound;
import org.layerwise.format.Model;
import org.layerwise.format.ModelFile;
import org.layerwise.net.Network;
import org.layerwise.eval.ReferenceEvaluator;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code refine} (nestedness, new means, refusals) and {@code demo} (files, determinism). */
class RefineAndDemoTest {

    @Test
    void refineKeepsEveryOldWeightAndReadsTheNewMeans(@TempDir Path dir) throws Exception {
        Path m2 = dir.resolve("m2.json");
        Path m3 = dir.resolve("m3.json");
        assertEquals(0, run("construct", "--builtin", "cone2d", "--levels", "2", "--points", "64", "--out",
                m2.toString(), "--quiet").code());
        byte[] before = Files.readAllBytes(m2);
        Run r = run("refine", "--model", m2.toString(), "--levels", "3", "--out", m3.toString(), "--json", "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals(3, j.get("levels").asInt());
        assertEquals(4, j.get("rows").size());
        assertArrayEquals(before, Files.readAllBytes(m2), "--out leaves the original untouched");
        Network old = ModelFile.load(m2).network();
        Model refined = ModelFile.load(m3);
        Network net = refined.network();
        assertEquals(3, net.levels());
        assertTrue(old.isPrefixOf(net), "refine changed an earlier layer or head");
        assertEquals("certified", refined.target().get("means"));
        // nested means: the table of 3 levels extends that of 2, so every level reads the same table
        Target f = Targets.builtin("cone2d");
        CellMeans fresh = ConstructCommandTest.means(f, 2, 3, 3);
        CellMeans oldTable = ConstructCommandTest.means(f, 2, 2, 2);
        ReferenceEvaluator ev = new ReferenceEvaluator(net);
        SplittableRandom random = new SplittableRandom(3);
        for (int k = 0; k < 20; k++) {
            double[] x = {random.nextDouble(), random.nextDouble()};
            double[] phi = ev.readouts(x);
            assertTrue(DecoderBound.holds(phi[2], fresh.at(x, 3), DecoderBound.bound(net, 3)), "level 3 at " + k);
            for (int l = 1; l <= 2; l++) {
                assertTrue(DecoderBound.holds(phi[l - 1], oldTable.at(x, l), DecoderBound.bound(net, l)));
            }
        }
        // refined again in place: still a prefix chain
        Run again = run("refine", "--model", m3.toString(), "--levels", "4", "--quiet");
        assertEquals(0, again.code(), again.err());
        assertTrue(net.isPrefixOf(ModelFile.load(m3).network()));
    }

    @Test
    void refineRefusesNoDeeperLevelsAndChangedOrMissingFiles(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("g.csv");
        Files.writeString(csv, "0.1, 0.5\n0.9, 0.3\n");
        Path m = dir.resolve("m.json");
        assertEquals(0, run("construct", "--grid", csv.toString(), "--levels", "2", "--points", "64", "--out",
                m.toString(), "--quiet").code());
        byte[] saved = Files.readAllBytes(m);
        Run same = run("refine", "--model", m.toString(), "--levels", "2");
        assertEquals(2, same.code());
        assertEquals(1, same.err().lines().count(), same.err());
        Files.writeString(csv, "0.1, 0.5\n0.9, 0.4\n");
        Run changed = run("refine", "--model", m.toString(), "--levels", "3");
        assertEquals(2, changed.code());
        assertTrue(changed.err().contains("changed"), changed.err());
        Files.delete(csv);
        Run missing = run("refine", "--model", m.toString(), "--levels", "3");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        assertArrayEquals(saved, Files.readAllBytes(m), "a refused refine leaves the model untouched");
        Run neither = run("refine", "--model", m.toString());
        assertEquals(2, neither.code());
    }

    @Test
    void refineWithAnUnchangedFileWorks(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("g.csv");
        Files.writeString(csv, "0.1, 0.5, 0.7\n0.9, 0.3, 0.2\n0.0, 1.0, 0.6\n");
        Path m = dir.resolve("m.json");
        assertEquals(0, run("construct", "--grid", csv.toString(), "--levels", "1", "--points", "64", "--out",
                m.toString(), "--quiet").code());
        Network old = ModelFile.load(m).network();
        Run r = run("refine", "--model", m.toString(), "--tol", "0", "--levels", "3", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("tolerance 0.0: not met by levels 1..3"), r.out());
        assertTrue(old.isPrefixOf(ModelFile.load(m).network()));
    }

    @Test
    void demoWritesReportAndModelDeterministically(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Run ra = run("demo", "--levels", "2", "--out", a.toString(), "--quiet");
        assertEquals(0, ra.code(), ra.err());
        assertEquals(0, run("demo", "--levels", "2", "--out", b.toString(), "--quiet").code());
        assertTrue(ra.out().contains("target " + DemoCommand.TARGET), ra.out());
        assertTrue(ra.out().contains("report: " + a.resolve("report.html")), ra.out());
        assertTrue(ra.out().contains("model: " + a.resolve("model.json")), ra.out());
        for (String name : new String[] {"report.html", "model.json"}) {
            assertTrue(Files.size(a.resolve(name)) > 0, name);
            assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
        }
        assertEquals(2, ModelFile.load(a.resolve("model.json")).network().levels());
        String html = Files.readString(a.resolve("report.html"));
        assertTrue(html.contains(DemoCommand.TARGET), "report names the target");
        try (var files = Files.list(a)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "no temporary files left");
        }
    }
}
