package org.layerwise.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesContentAndReplacesExistingFile() throws IOException {
        Path f = dir.resolve("sub/out.txt");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.writeString(f, "second");
        assertEquals("second", Files.readString(f, StandardCharsets.UTF_8));
        assertEquals(1, countFiles(f.getParent()), "no temporary file may remain");
    }

    @Test
    void failureLeavesPreviousContentAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("model.json");
        AtomicFiles.write(f, new byte[] {1, 2, 3});
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[1000]);
            throw new IllegalStateException("interrupted half way");
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        assertEquals(1, countFiles(dir));
    }

    @Test
    void outputIsWorldReadableWhereSupported() throws IOException {
        Path f = dir.resolve("report.html");
        AtomicFiles.writeString(f, "<html></html>");
        if (Files.getFileStore(f).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            assertTrue(Files.getPosixFilePermissions(f).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ));
        }
    }

    /** Run in a child JVM: writes into {@code args[0]} slowly, forever, until it is stopped. */
    public static final class SlowWriter {
        public static void main(String[] args) {
            AtomicFiles.write(Path.of(args[0]), out -> {
                while (true) {
                    out.write(new byte[1024]);
                    out.flush();
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
            });
        }
    }

    /** Starts {@link SlowWriter} on {@code f} in a child JVM and waits (30 s at most) for its temporary file. */
    private Process slowWriter(Path f) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowWriter.class.getName(), f.toString()).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (countFiles(dir) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return child;
    }

    @Test
    void stoppingTheProcessMidWriteLeavesNoFileAtAll() throws Exception {
        Path f = dir.resolve("report.html");
        Process child = slowWriter(f);
        try {
            assertEquals(1, countFiles(dir), "the child should have started its temporary file");
            assertTrue(child.isAlive());
        } finally {
            child.destroy(); // SIGTERM, as Ctrl-C: the JVM runs its shutdown hooks
        }
        child.waitFor();
        assertEquals(0, countFiles(dir), () -> "neither the target nor a temporary file may remain: " + list(dir));
    }

    /** A FIFO made in the temporary folder (never a real device node); null where mkfifo is missing. */
    private Path fifo(String name) throws Exception {
        Path f = dir.resolve(name);
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", f.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        return p.waitFor() == 0 ? f : null;
    }

    @Test
    void refusesToReplaceAFifoOrAFolderAndNamesIt() throws Exception {
        Path fifo = fifo("pipe");
        org.junit.jupiter.api.Assumptions.assumeTrue(fifo != null, "mkfifo is not available");
        OutputFileException e = assertThrows(OutputFileException.class, () -> AtomicFiles.writeString(fifo, "x"));
        assertEquals("output " + fifo + ": is a FIFO (named pipe), not a regular file; refusing to replace it",
                e.getMessage());
        assertTrue(Files.isRegularFile(fifo) == false && Files.exists(fifo), "the FIFO stays a FIFO");
        assertThrows(OutputFileException.class, () -> AtomicFiles.checkFile("--out", fifo));
        Path folder = Files.createDirectory(dir.resolve("folder"));
        OutputFileException f = assertThrows(OutputFileException.class, () -> AtomicFiles.checkFile("--out", folder));
        assertEquals("--out " + folder + ": is a folder, not a regular file; refusing to replace it", f.getMessage());
        assertTrue(Files.isDirectory(folder));
        // a link to the FIFO is refused too, naming where it points
        Path link = Files.createSymbolicLink(dir.resolve("link"), fifo);
        OutputFileException l = assertThrows(OutputFileException.class, () -> AtomicFiles.writeString(link, "x"));
        assertTrue(l.getMessage().contains("(a symbolic link to " + fifo + ")"), l.getMessage());
        assertEquals(3, countFiles(dir), "no temporary file may remain");
    }

    @Test
    void writesThroughASymbolicLinkWhichStaysALink() throws IOException {
        Path real = dir.resolve("real.json");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
        AtomicFiles.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), Path.of("later.json"));
        AtomicFiles.writeString(dangling, "created");
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("created", Files.readString(dir.resolve("later.json")));
        assertEquals(4, countFiles(dir));
    }

    @Test
    void checksAreFreeOfSideEffectsAndGiveTheReason() throws IOException {
        AtomicFiles.checkFile("--out", dir.resolve("a/b/c.json"));
        AtomicFiles.checkDirectory("--report", dir.resolve("rep"), "report.html");
        assertEquals(0, countFiles(dir), "a check writes nothing");
        Path file = Files.writeString(dir.resolve("plain"), "x");
        OutputFileException e = assertThrows(OutputFileException.class,
                () -> AtomicFiles.checkDirectory("--report", file, "report.html"));
        assertEquals("--report " + file + ": is a regular file, not a folder", e.getMessage());
        OutputFileException under = assertThrows(OutputFileException.class,
                () -> AtomicFiles.checkFile("--out", file.resolve("m.json")));
        assertEquals("--out " + file.resolve("m.json") + ": " + file + " is a regular file, not a folder",
                under.getMessage());
    }

    @Test
    void aBatchIsAllOrNothing() throws Exception {
        Path a = dir.resolve("a.json");
        Files.writeString(a, "old a");
        Path sub = dir.resolve("new/b.json");
        assertThrows(IllegalStateException.class, () -> {
            try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
                batch.add("--out", a, out -> out.write("new a".getBytes(StandardCharsets.UTF_8)));
                batch.add("--report", sub, out -> {
                    throw new IllegalStateException("rendering failed");
                });
                batch.commit();
            }
        });
        assertEquals("old a", Files.readString(a));
        assertEquals(1, countFiles(dir), "neither the new folder nor a temporary file may remain");
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
            batch.add("--out", a, out -> out.write("new a".getBytes(StandardCharsets.UTF_8)));
            batch.add("--report", sub, out -> out.write("b".getBytes(StandardCharsets.UTF_8)));
            assertEquals("old a", Files.readString(a), "nothing is in place before the commit");
            batch.commit();
        }
        assertEquals("new a", Files.readString(a));
        assertEquals("b", Files.readString(sub));
        assertEquals(2, countFiles(dir));
        assertEquals(1, countFiles(sub.getParent()));
    }

    @Test
    void aKilledWriteLeavesARecognisableTemporaryThatTheNextWriteRemoves() throws Exception {
        Path f = dir.resolve("m.json");
        Process child = slowWriter(f);
        try {
            assertEquals(1, countFiles(dir), "the child should have started its temporary file");
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks run
        }
        child.waitFor();
        Path tmp;
        try (Stream<Path> s = Files.list(dir)) {
            tmp = s.findFirst().orElseThrow();
        }
        assertTrue(tmp.getFileName().toString().matches("\\.m\\.json\\.layerwise-" + child.pid() + "-.*\\.tmp"),
                tmp.toString());
        AtomicFiles.writeString(f, "done");
        assertEquals(1, countFiles(dir), "the stale temporary of the same output is gone");
        assertEquals("done", Files.readString(f));
    }

    private static String list(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).toList().toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static long countFiles(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }
}
