package org.layerwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import example.UseLayerwise;

/**
 * The README's "Use it from Java" example is {@code src/test/java/example/UseLayerwise.java}, quoted verbatim: this
 * test fails when the two drift apart, and runs the example.
 */
class ReadmeExampleTest {

    private static final Path SOURCE = Path.of("src/test/java/example/UseLayerwise.java");
    private static final Path README = Path.of("../README.md");

    @Test
    void theReadmeQuotesTheExampleVerbatim() throws Exception {
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        assertTrue(readme.contains("```java\n" + source + "```\n"), "README.md does not quote " + SOURCE + " verbatim");
    }

    @Test
    void theExampleRunsAndRefinesTheModelItSaved(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            UseLayerwise.main(new String[] {file.toString()});
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Phi([0.5, 0.25]) = ["), out);
        assertTrue(out.contains("level 4: ||f - Phi_l||_2 = "), out);
        assertEquals(4, Layerwise.load(file).network().levels());
    }
}
