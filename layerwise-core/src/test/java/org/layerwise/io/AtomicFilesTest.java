package org.layerwise.io;

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

    private static long countFiles(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }
}
