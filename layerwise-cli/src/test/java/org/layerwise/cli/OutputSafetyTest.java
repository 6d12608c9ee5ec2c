package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.cli.Cli.Run;
import org.layerwise.format.ModelFile;

/**
 * Every output option refuses to replace anything but a regular file (a FIFO, a folder, a link to a FIFO: all made
 * in a temporary folder, never a device node), before any work; a symbolic link to a regular file is written
 * through; several outputs are all or nothing.
 */
class OutputSafetyTest {

    @TempDir
    Path dir;

    /** A FIFO made with mkfifo in the temporary folder, or null where there is no mkfifo. */
    private Path fifo(String name) throws Exception {
        Path f = dir.resolve(name);
        try {
            return new ProcessBuilder("mkfifo", f.toString()).start().waitFor() == 0 ? f : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void refused(Run r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.out().isEmpty(), "nothing computed or printed: " + r.out());
        assertEquals(expected, r.err().strip());
    }

    @Test
    void everyOutputOptionRefusesAFifoUpFront() throws Exception {
        Path pipe = fifo("pipe");
        Assumptions.assumeTrue(pipe != null, "mkfifo is not available");
        String fifo = ": is a FIFO (named pipe), not a regular file; refusing to replace it";
        refused(run("construct", "--builtin", "smooth1d", "--levels", "3", "--out", pipe.toString()),
                "layerwise construct: --out " + pipe + fifo);
        Path model = dir.resolve("m.json");
        assertEquals(0, run("construct", "--builtin", "smooth1d", "--levels", "1", "--points", "64", "--quiet", "--out",
                model.toString()).code());
        refused(run("refine", "--model", model.toString(), "--levels", "2", "--out", pipe.toString()),
                "layerwise refine: --out " + pipe + fifo);
        Files.delete(pipe);
        Files.createDirectory(pipe);
        Path pipe2 = fifo("pipe/report.html");
        refused(run("compare", "--builtin", "smooth1d", "--levels", "1", "--report", pipe.toString()),
                "layerwise compare: --report " + pipe2 + fifo);
        refused(run("demo", "--out", pipe.toString()), "layerwise demo: --out " + pipe2 + fifo);
        Path pipe3 = fifo("save-me");
        Path save = Files.createDirectory(dir.resolve("save"));
        Files.createSymbolicLink(save.resolve("mgdl.json"), pipe3);
        Run train = run("train", "--builtin", "smooth1d", "--grades", "4:relu:1:1e-3:1e-3", "--save", save.toString());
        assertEquals(2, train.code());
        assertTrue(train.err().strip().equals("layerwise train: --save " + save.resolve("mgdl.json")
                + ": is a FIFO (named pipe) (a symbolic link to " + pipe3 + "), not a regular file; refusing to replace it"),
                train.err());
    }

    @Test
    void aFolderOrAFileWhereTheOtherIsNeededIsRefused() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder"));
        refused(run("construct", "--builtin", "smooth1d", "--levels", "3", "--out", folder.toString()),
                "layerwise construct: --out " + folder + ": is a folder, not a regular file; refusing to replace it");
        Path file = Files.writeString(dir.resolve("file"), "keep");
        refused(run("construct", "--builtin", "smooth1d", "--levels", "3", "--out", dir.resolve("m.json").toString(),
                "--report", file.toString()), "layerwise construct: --report " + file + ": is a regular file, not a folder");
        refused(run("demo", "--out", file.toString()), "layerwise demo: --out " + file.resolve("model.json") + ": " + file
                + " is a regular file, not a folder");
        assertEquals("keep", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("m.json")), "no output written");
    }

    @Test
    void aSymbolicLinkToARegularFileIsWrittenThrough() throws Exception {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
        Run r = run("construct", "--builtin", "smooth1d", "--levels", "2", "--points", "64", "--quiet", "--out",
                link.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals(2, ModelFile.load(real).network().levels());
        assertEquals(2, count(dir), "no temporary file remains");
    }

    @Test
    void severalOutputsAreAllOrNothing() throws Exception {
        Path report = Files.createDirectory(dir.resolve("report"));
        // a folder where the report wants a picture: found only when the report's files are staged, after the work
        Files.createDirectory(report.resolve("error-vs-level.png"));
        Path model = dir.resolve("m.json");
        Run r = run("construct", "--builtin", "smooth1d", "--levels", "2", "--points", "64", "--quiet", "--out",
                model.toString(), "--report", report.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("layerwise construct: --report " + report.resolve("error-vs-level.png")
                + ": is a folder, not a regular file; refusing to replace it", r.err().strip());
        assertFalse(Files.exists(model), "the model is not written when the report fails");
        assertEquals(1, count(report), "only the folder that was there");
        assertEquals(1, count(dir));
    }

    private static long count(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }
}
