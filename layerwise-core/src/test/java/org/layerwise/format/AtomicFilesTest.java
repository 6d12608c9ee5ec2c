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

    @Test
    void stoppingTheProcessMidWriteLeavesNoFileAtAll() throws Exception {
        Path f = dir.resolve("report.html");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowWriter.class.getName(), f.toString()).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (countFiles(dir) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, countFiles(dir), "the child should have started its temporary file");
            assertTrue(child.isAlive());
        } finally {
            child.destroy(); // SIGTERM, as Ctrl-C: the JVM runs its shutdown hooks
        }
        child.waitFor();
        assertEquals(0, countFiles(dir), "neither the target nor a temporary file may remain");
    }

    private static long countFiles(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }
}
