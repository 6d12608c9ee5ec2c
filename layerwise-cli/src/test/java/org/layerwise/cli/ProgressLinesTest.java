package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.run;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.cli.Cli.Run;

/** Without a terminal (as in these tests), demo, construct and measure print one line per phase; --quiet none. */
class ProgressLinesTest {

    @Test
    void onePhaseLinePerTaskOnStandardErrorAndNoneWhenQuiet(@TempDir Path dir) {
        String[][] commands = {
            {"construct", "--builtin", "cone2d", "--levels", "2", "--points", "64"},
            {"measure", "--builtin", "cone2d", "--levels", "2"},
            {"demo", "--levels", "1", "--out", dir.resolve("demo").toString()},
        };
        for (String[] c : commands) {
            Run r = run(c);
            assertEquals(0, r.code(), r.err());
            List<String> lines = r.err().lines().toList();
            assertTrue(lines.size() >= 2, r.err());
            for (String l : lines) {
                assertTrue(l.startsWith("layerwise " + c[0] + ": ") && l.endsWith("..."), l);
            }
            // formula and built-in targets get certified means, Java lambdas plain ones: either is the first phase
            assertTrue(lines.get(0).matches("layerwise " + c[0] + ": (certified )?cell means \\(level .*"), r.err());
            if (c[0].equals("demo")) {
                continue; // the slowest; --quiet is the same option object in every command
            }
            String[] quiet = java.util.Arrays.copyOf(c, c.length + 1);
            quiet[c.length] = "--quiet";
            Run q = run(quiet);
            assertEquals(0, q.code(), q.err());
            assertEquals("", q.err(), String.join(" ", quiet));
            assertEquals(r.out(), q.out(), "the output does not depend on --quiet");
        }
    }
}
