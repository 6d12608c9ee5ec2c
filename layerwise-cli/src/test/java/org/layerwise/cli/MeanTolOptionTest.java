package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.run;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.construct.Construction;
import org.layerwise.format.Model;
import org.layerwise.format.ModelFile;
import org.layerwise.net.Network;

/**
 * {@code --mean-tol}: refused when not a finite number {@code > 0} (one line naming the value, exit 2), taking effect
 * on the half-widths, recorded in the model so that {@code refine} gives what a direct build gives.
 */
class MeanTolOptionTest {

    private static final String[] STEP = {"--target", "step(x1-0.3)", "--dim", "1", "--base", "3", "--quiet"};

    private static String[] args(String command, String[] extra) {
        String[] all = new String[1 + STEP.length + extra.length];
        all[0] = command;
        System.arraycopy(STEP, 0, all, 1, STEP.length);
        System.arraycopy(extra, 0, all, 1 + STEP.length, extra.length);
        return all;
    }

    @Test
    void badValuesAreOneLineAndExitTwo() {
        for (String bad : new String[] {"0", "-1e-3", "NaN", "Infinity", "abc"}) {
            for (String command : new String[] {"construct", "measure"}) {
                Cli.Run r = run(args(command, new String[] {"--levels", "2", "--mean-tol", bad}));
                assertEquals(2, r.code(), command + " --mean-tol " + bad + ": " + r.err());
                String first = r.err().lines().findFirst().orElse("");
                assertTrue(first.contains("--mean-tol") && first.contains(bad), first);
                assertTrue(r.out().isEmpty(), r.out());
            }
        }
        Cli.Run demo = run("demo", "--mean-tol", "0", "--quiet", "--levels", "1");
        assertEquals(2, demo.code(), demo.err());
        assertTrue(demo.err().startsWith("layerwise demo: --mean-tol must be a finite number > 0, got 0"),
                demo.err());
    }

    @Test
    void recordedAndReproducedByRefine(@TempDir Path dir) throws Exception {
        Path coarse = dir.resolve("loose2.json");
        Path direct = dir.resolve("loose3.json");
        Path tight = dir.resolve("tight3.json");
        assertEquals(0, run(args("construct", new String[] {"--levels", "2", "--points", "64", "--mean-tol", "0.25", "--out",
                coarse.toString()})).code());
        assertEquals(0, run(args("construct", new String[] {"--levels", "3", "--points", "64", "--mean-tol", "0.25", "--out",
                direct.toString()})).code());
        assertEquals(0, run(args("construct", new String[] {"--levels", "3", "--points", "64", "--out", tight.toString()})).code());
        Model d = ModelFile.load(direct);
        assertEquals(0.25, ((Number) d.target().get("meanTol")).doubleValue());
        assertEquals(1e-3, ((Number) ModelFile.load(tight).target().get("meanTol")).doubleValue());

        Path refined = dir.resolve("refined3.json");
        Cli.Run r = run("refine", "--model", coarse.toString(), "--levels", "3", "--out", refined.toString(),
                "--quiet");
        assertEquals(0, r.code(), r.err());
        Model m = ModelFile.load(refined);
        Network a = m.network();
        Network b = d.network();
        assertTrue(a.isPrefixOf(b) && b.isPrefixOf(a), "refine differs from the direct build");
        for (int l = 1; l <= 3; l++) {
            assertEquals(b.head(l), a.head(l), "head " + l);
        }
        assertEquals(d.target(), m.target(), "target blocks (meanTol, eta_l)");

        // the option takes effect: a looser tolerance leaves wider enclosures on some level
        double[] loose = Construction.meanHalfWidths(d.target());
        double[] strict = Construction.meanHalfWidths(ModelFile.load(tight).target());
        boolean wider = false;
        for (int l = 0; l <= 3; l++) {
            assertTrue(strict[l] <= loose[l], "level " + l);
            wider |= strict[l] < loose[l];
        }
        assertTrue(wider, "--mean-tol 0.25 gave the same half-widths as the default");
    }
}
