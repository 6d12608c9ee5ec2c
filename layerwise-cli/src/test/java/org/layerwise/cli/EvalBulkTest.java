package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.run;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.cli.Cli.Run;
import org.layerwise.eval.ReferenceEvaluator;
import org.layerwise.format.ModelFile;
import org.layerwise.net.Network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code eval --input/--output}: points in bulk as CSV, against the reference evaluator bit for bit. */
class EvalBulkTest {

    @TempDir
    static Path dir;

    static Path model;
    static Network net;

    @BeforeAll
    static void buildModel() {
        model = dir.resolve("m.json");
        Run c = run("construct", "--builtin", "cone2d", "--levels", "3", "--points", "64", "--out", model.toString(),
                "--quiet");
        assertEquals(0, c.code(), c.err());
        net = ModelFile.load(model).network();
    }

    private static double[][] points(int n) {
        SplittableRandom random = new SplittableRandom(3);
        double[][] xs = new double[n][];
        for (int k = 0; k < n; k++) {
            xs[k] = k == 0 ? new double[] {0, 1} : new double[] {random.nextDouble(), random.nextDouble()};
        }
        return xs;
    }

    private static String csv(double[][] xs) {
        StringBuilder sb = new StringBuilder("# points\n");
        for (double[] x : xs) {
            sb.append(x[0]).append(", ").append(x[1]).append('\n');
        }
        return sb.toString();
    }

    /** Checks the CSV rows against the reference evaluator, bit for bit. */
    private static void checkCsv(double[][] xs, String out) {
        List<String> lines = out.lines().toList();
        assertEquals("x1,x2,phi_1,phi_2,phi_3", lines.get(0));
        assertEquals(xs.length + 1, lines.size());
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        for (int k = 0; k < xs.length; k++) {
            String[] f = lines.get(k + 1).split(",");
            assertEquals(5, f.length);
            assertEquals(xs[k][0], Double.parseDouble(f[0]));
            assertEquals(xs[k][1], Double.parseDouble(f[1]));
            double[] phi = ref.readouts(xs[k]);
            for (int l = 0; l < 3; l++) {
                assertEquals(Double.doubleToLongBits(phi[l]), Double.doubleToLongBits(Double.parseDouble(f[2 + l])),
                        "point " + k + " level " + (l + 1));
            }
        }
    }

    @Test
    void aFileOfPointsGivesOneCsvRowEachAsTheReferenceEvaluator() throws Exception {
        double[][] xs = points(5000); // more than one chunk
        Path in = Files.writeString(dir.resolve("points.csv"), csv(xs));
        Path out = dir.resolve("phi.csv");
        Run r = run("eval", "--model", model.toString(), "--input", in.toString(), "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().isEmpty(), r.out());
        checkCsv(xs, Files.readString(out));
        Run stdout = run("eval", "--model", model.toString(), "--input", in.toString(), "--output", "-");
        assertEquals(Files.readString(out), stdout.out());
    }

    @Test
    void standardInputAndJson() throws Exception {
        double[][] xs = points(20);
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(csv(xs).getBytes(StandardCharsets.UTF_8)));
            Run r = run("eval", "--model", model.toString(), "--input", "-");
            assertEquals(0, r.code(), r.err());
            checkCsv(xs, r.out());
            System.setIn(new ByteArrayInputStream(csv(xs).getBytes(StandardCharsets.UTF_8)));
            Run j = run("eval", "--model", model.toString(), "--input", "-", "--json");
            JsonNode pts = new ObjectMapper().readTree(j.out()).get("points");
            assertEquals(xs.length, pts.size());
            assertEquals(new ReferenceEvaluator(net).readouts(xs[7])[2], pts.get(7).get("phi").get(2).asDouble());
        } finally {
            System.setIn(saved);
        }
        Run x = run("eval", "--model", model.toString(), "--x", "0,1", "--csv");
        checkCsv(new double[][] {{0, 1}}, x.out());
    }

    @Test
    void badInputIsRefusedNamingTheLineAndNothingIsWritten() throws Exception {
        Path in = Files.writeString(dir.resolve("bad.csv"), "0.5,0.5\n# fine\n0.5,1.25\n");
        Path out = dir.resolve("never.csv");
        Run r = run("eval", "--model", model.toString(), "--input", in.toString(), "--output", out.toString());
        assertEquals(2, r.code());
        assertEquals("layerwise eval: --input " + in + " line 3: coordinate 2 = 1.25 is outside [0,1]", r.err().strip());
        assertFalse(Files.exists(out));
        Run stdinModel = run("eval", "--model", "-", "--input", in.toString());
        assertEquals(2, stdinModel.code());
        assertEquals("layerwise eval: --model -: a model cannot be read from standard input; give its file",
                stdinModel.err().strip());
        Run missing = run("eval", "--model", model.toString(), "--input", dir.resolve("none.csv").toString());
        assertEquals(2, missing.code());
        assertEquals("layerwise eval: --input " + dir.resolve("none.csv") + ": cannot read: no such file or folder",
                missing.err().strip());
        Run both = run("eval", "--model", model.toString(), "--input", in.toString(), "--x", "0.5,0.5");
        assertEquals(2, both.code());
        Run folder = run("eval", "--model", model.toString(), "--x", "0.5,0.5", "--output", dir.toString());
        assertEquals(2, folder.code());
        assertEquals("layerwise eval: --output " + dir + ": is a folder, not a regular file; refusing to replace it",
                folder.err().strip());
    }
}
