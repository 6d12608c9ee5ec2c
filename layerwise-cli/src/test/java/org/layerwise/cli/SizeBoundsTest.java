package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.run;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;
import org.layerwise.cli.Cli.Run;

import picocli.CommandLine;

/**
 * Size options bounded by the heap up front (exit 2 naming the option), {@code --levels} beyond what can be built
 * refused before any work, {@code --memory} with suffixes, and one line with exit 1 for out of memory / stack
 * overflow.
 */
class SizeBoundsTest {

    @Test
    void everySizeOptionIsBoundedUpFrontNamingIt() {
        String[][] cases = {
            {"construct --builtin smooth1d --levels 2 --points 2000000000", "--points 2000000000 needs about "},
            {"construct --builtin smooth1d --levels 2 --shifts 2000000000", "--shifts 2000000000 needs about "},
            {"compare --builtin smooth1d --levels 1 --points 2000000000", "--points 2000000000 needs about "},
            {"compare --builtin smooth1d --levels 1 --train-points 2000000000", "--train-points 2000000000 needs about "},
            {"measure --builtin smooth1d --levels 2 --omega-points 2000000000", "--omega-points 2000000000 needs about "},
            {"measure --builtin smooth1d --levels 2 --min-cells 1000000000000000", "--min-cells 1000000000000000 needs"},
            {"train --builtin smooth1d --train-points 2000000000", "--train-points 2000000000 needs about "},
            {"train --builtin smooth1d --test-points 2000000000", "--test-points 2000000000 needs about "},
            {"train --builtin smooth1d --grades 100000000:relu:1:1e-3:1e-3", "--grades width 100000000 needs about "},
        };
        for (String[] c : cases) {
            Run r = run(c[0].split(" "));
            assertEquals(2, r.code(), c[0] + ": " + r.err());
            String command = c[0].substring(0, c[0].indexOf(' '));
            assertTrue(r.err().startsWith("layerwise " + command + ": " + c[1]), c[0] + ": " + r.err());
            assertTrue(r.err().contains("(half the Java heap of "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.out().isEmpty());
        }
    }

    @Test
    void levelsBeyondThePhaseBitCapAreRefusedBeforeAnyWork() {
        // 64 * 4^14 = 2^34 phase bits > 2^33; the up-front check refuses it before the cell means are computed
        for (String command : new String[] {"construct", "compare"}) {
            Run r = run(command, "--builtin", "cone2d", "--levels", "14", "--quiet");
            assertEquals(2, r.code(), r.err());
            assertEquals("layerwise " + command + ": 14 levels with d = 2, N = 2 need b N^(dL) = 64 * 268435456 phase"
                    + " bits, more than the 8589934592 (2^33) this version builds; lower --levels", r.err().strip());
        }
        Run demo = run("demo", "--levels", "14", "--quiet", "--memory", "1t");
        assertEquals(2, demo.code(), demo.err());
        assertTrue(demo.err().contains("14 levels with d = 2, N = 2 need") && demo.err().contains("; lower --levels"),
                demo.err());
    }

    @Test
    void memoryAcceptsBinarySuffixes() {
        assertEquals(4L << 30, MemoryOptions.parseBytes("--memory", "4g"));
        assertEquals(512L << 20, MemoryOptions.parseBytes("--memory", "512M"));
        assertEquals(64L << 10, MemoryOptions.parseBytes("--memory", "64kb"));
        assertEquals(1L << 40, MemoryOptions.parseBytes("--memory", "1t"));
        assertEquals(123, MemoryOptions.parseBytes("--memory", "123"));
        for (String bad : new String[] {"4x", "-1", "g", "", "1.5g", "99999999999t"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> MemoryOptions.parseBytes("--memory", bad));
            assertTrue(e.getMessage().startsWith("--memory '" + bad + "'"), e.getMessage());
        }
        // 7 cells = 56 bytes fit in 1k, not in 16 bytes
        assertEquals(0, run("measure", "--target", "x1", "--levels", "2", "--memory", "1k", "--json").code());
        Run small = run("measure", "--target", "x1", "--levels", "2", "--memory", "16");
        assertTrue(small.err().contains("over the limit of 16 bytes"), small.err());
    }

    @CommandLine.Command(name = "boom")
    static final class Boom implements Runnable {
        @CommandLine.Parameters
        String kind;

        @Override
        public void run() {
            if (kind.equals("heap")) {
                throw new OutOfMemoryError("Java heap space");
            }
            throw new StackOverflowError();
        }
    }

    @Test
    void outOfMemoryAndStackOverflowGiveOneLineAndExitOne() {
        for (String kind : new String[] {"heap", "stack"}) {
            CommandLine cl = Main.commandLine().addSubcommand("boom", new Boom());
            StringWriter err = new StringWriter();
            int code = Main.execute(cl, new PrintWriter(new StringWriter()), new PrintWriter(err), "boom", kind);
            assertEquals(1, code);
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertTrue(err.toString().startsWith(kind.equals("heap") ? "layerwise boom: out of memory (Java heap limit "
                    : "layerwise boom: stack overflow: "), err.toString());
        }
    }

    @Test
    void anUnknownCommandIsNamedOnce() {
        Run r = run("frobnicate");
        assertEquals(2, r.code());
        assertEquals("layerwise: Unmatched argument at index 0: 'frobnicate'", r.err().lines().findFirst().orElse(""));
    }
}
