package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.run;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.cli.Cli.Run;

/** train: a nesting bomb refused, a diverged grade stopped, warnings on odd data, byte-reproducible saved models. */
class TrainHardeningTest {

    @TempDir
    Path dir;

    private static final String TINY = "4:relu:5:1e-3:1e-4";

    @Test
    void aDeeplyNestedConfigIsRefused() throws Exception {
        Path deep = Files.writeString(dir.resolve("deep.json"), "{\"grades\":" + "[".repeat(5000) + "]".repeat(5000)
                + "}");
        Run r = run("train", "--builtin", "smooth1d", "--config", deep.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("layerwise train: config " + deep + ": not valid JSON: Document nesting depth (1001) exceeds the"
                + " maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)", r.err().strip());
    }

    @Test
    void aDivergedGradeStopsTheTrainingWithTheReason() {
        Run r = run("train", "--builtin", "smooth1d", "--grades", "8:relu:20:1e10:1e-4; " + TINY, "--train-points",
                "32", "--test-points", "8");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("layerwise train: grade 1 diverged: its training loss went from "), r.err());
        assertTrue(r.err().strip().endsWith("in 20 epochs (learning rate 1.0E10 -> 1.0E-4); lower the learning rate"),
                r.err());
        assertTrue(r.out().isEmpty(), "no table for a diverged run");
    }

    @Test
    void dataOutsideTheCubeAndAnOddSplitAreWarnedAbout() throws Exception {
        Path data = Files.writeString(dir.resolve("d.csv"), "x,y\n0.1,1\n0.5,2\n1.5,3\n0.7,1\n0.2,0.5\n");
        Run r = run("train", "--data", data.toString(), "--grades", TINY);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("layerwise train: warning: 1 of 5 data points lie outside [0,1]^1, e.g. x = (1.5)"),
                r.err());
        assertTrue(r.err().contains("layerwise train: warning: only 1 test point: the test RSE is a rough estimate"),
                r.err());
        Run split = run("train", "--data", data.toString(), "--grades", TINY, "--test-fraction", "0.8");
        assertTrue(split.err().contains("warning: the split leaves fewer training points (1) than test points (4)"),
                split.err());
    }

    @Test
    void savedModelsAreByteReproducible() throws Exception {
        byte[][] files = new byte[2][];
        for (int i = 0; i < 2; i++) {
            Path save = dir.resolve("run" + i);
            Run r = run("train", "--builtin", "smooth1d", "--grades", TINY, "--train-points", "32", "--test-points",
                    "8", "--save", save.toString());
            assertEquals(0, r.code(), r.err());
            files[i] = Files.readAllBytes(save.resolve("mgdl.json"));
        }
        assertArrayEquals(files[0], files[1]);
        assertFalse(new String(files[0], java.nio.charset.StandardCharsets.UTF_8).contains("seconds"));
    }
}
